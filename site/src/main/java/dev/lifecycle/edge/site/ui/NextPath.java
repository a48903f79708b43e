package dev.lifecycle.edge.site.ui;

import java.util.regex.Pattern;

/**
 * Where the login page sends a person afterwards ({@code /login?next=...}): only a page of this site, given as a
 * path. Anything else (another site, {@code //host}, a backslash, control characters, a scheme, the site API, the
 * login page itself) becomes {@value #HOME}, so a link cannot use the login page to send a person elsewhere. Pure.
 */
public final class NextPath {

  public static final String HOME = "/";
  static final int MAX_LENGTH = 512;
  /** A path of printable ASCII (what a browser sends: the rest is percent-encoded). */
  private static final Pattern PRINTABLE = Pattern.compile("/[\\x21-\\x7e]*");

  private NextPath() {
  }

  public static String of(String next) {
    if (next == null || next.length() > MAX_LENGTH || !PRINTABLE.matcher(next).matches()) {
      return HOME;
    }
    if (next.startsWith("//") || next.contains("\\")) {
      return HOME;
    }
    String path = next.split("[?#]", 2)[0];
    if (path.equals("/login") || path.equals("/logout") || path.startsWith("/api/") || path.startsWith("/ui/")
        || path.equals("/api")) {
      return HOME;
    }
    return next;
  }
}
