package dev.lifecycle.edge.operator.gateway;

/** The ETag of a plan (its generation, quoted) and If-None-Match matching (RFC 9110, weak comparison). Pure. */
final class EntityTags {

  private EntityTags() {
  }

  static String of(long generation) {
    return "\"" + generation + "\"";
  }

  /** Whether an If-None-Match header value matches the current tag: then the answer is 304. */
  static boolean matches(String ifNoneMatch, String current) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(current)) {
        return true;
      }
    }
    return false;
  }
}
