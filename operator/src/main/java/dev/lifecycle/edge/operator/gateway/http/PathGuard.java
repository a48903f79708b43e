package dev.lifecycle.edge.operator.gateway.http;

import java.util.regex.Pattern;

/**
 * Paths are matched exactly as sent: a path with dot segments, empty segments, percent-encoding or
 * anything but letters, digits, '-' and '_' in its segments is no path of the gateway, whatever it
 * would normalise to. Pure.
 */
public final class PathGuard {

  private static final Pattern CANONICAL = Pattern.compile("^(/[A-Za-z0-9_-]+)+$");
  private static final int SHOWN = 80;

  private PathGuard() {
  }

  static boolean canonical(String rawPath) {
    return rawPath != null && rawPath.length() <= 256 && CANONICAL.matcher(rawPath).matches();
  }

  /** The path as it may appear in a message: printable ASCII only, shortened. */
  public static String shown(String rawPath) {
    if (rawPath == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < rawPath.length() && shown.length() < SHOWN; i++) {
      char c = rawPath.charAt(i);
      shown.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return rawPath.length() > SHOWN ? shown + "..." : shown.toString();
  }
}
