package dev.lifecycle.edge.site.clusters;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders semantic versions by precedence (semver.org, rule 11): MAJOR.MINOR.PATCH numerically, a pre-release
 * before its release, pre-release identifiers numerically or by ASCII, build metadata ignored. Pure.
 */
final class SemanticVersions {

  private static final Pattern VERSION = Pattern.compile(
      "^(0|[1-9][0-9]*)[.](0|[1-9][0-9]*)[.](0|[1-9][0-9]*)(?:-([0-9A-Za-z.-]+))?(?:[+][0-9A-Za-z.-]+)?$");

  /** Precedence; a text that is not a semantic version throws {@link IllegalArgumentException}. */
  static final Comparator<String> PRECEDENCE = SemanticVersions::compare;

  private SemanticVersions() {
  }

  static boolean isVersion(String text) {
    return text != null && VERSION.matcher(text).matches();
  }

  static int compare(String a, String b) {
    Matcher left = parse(a);
    Matcher right = parse(b);
    for (int group = 1; group <= 3; group++) {
      int byNumber = new java.math.BigInteger(left.group(group)).compareTo(new java.math.BigInteger(right.group(group)));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    String pre = left.group(4);
    String otherPre = right.group(4);
    if (pre == null || otherPre == null) {
      return pre == null ? (otherPre == null ? 0 : 1) : -1;
    }
    String[] ids = pre.split("[.]");
    String[] otherIds = otherPre.split("[.]");
    for (int i = 0; i < Math.min(ids.length, otherIds.length); i++) {
      int byId = compareIdentifier(ids[i], otherIds[i]);
      if (byId != 0) {
        return byId;
      }
    }
    return Integer.compare(ids.length, otherIds.length);
  }

  private static int compareIdentifier(String a, String b) {
    boolean numeric = a.chars().allMatch(Character::isDigit);
    boolean otherNumeric = b.chars().allMatch(Character::isDigit);
    if (numeric && otherNumeric) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (numeric != otherNumeric) {
      return numeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static Matcher parse(String text) {
    Matcher matcher = text == null ? null : VERSION.matcher(text);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException("not a semantic version: " + text);
    }
    return matcher;
  }
}
