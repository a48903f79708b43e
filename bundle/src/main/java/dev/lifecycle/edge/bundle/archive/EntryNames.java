package dev.lifecycle.edge.bundle.archive;

import java.util.regex.Pattern;

/**
 * Which names a signed archive's entries may have: relative paths of portable segments, so that no entry can
 * land outside the directory it is verified into, whatever the operating system.
 */
public final class EntryNames {

  static final int MAX_LENGTH = 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+@=,-]+");

  private EntryNames() {
  }

  /** Why the name is unsafe, or null when it is safe. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "empty name";
    }
    if (name.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    if (name.startsWith("/")) {
      return "an absolute path";
    }
    if (name.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return "an empty path segment (// or a trailing /)";
      }
      if (segment.equals("..")) {
        return "a .. segment, which would leave the target directory";
      }
      if (segment.equals(".")) {
        return "a . segment";
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return "the segment \"" + segment + "\" has characters outside A-Z a-z 0-9 . _ + @ = , -";
      }
    }
    return null;
  }
}
