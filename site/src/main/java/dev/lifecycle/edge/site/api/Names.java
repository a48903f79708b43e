package dev.lifecycle.edge.site.api;

import java.util.regex.Pattern;

/** Names in the site API's paths: Kubernetes object names (DNS-1123 subdomains), checked before any lookup. */
public final class Names {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  public static final int MAX = 253;

  private Names() {
  }

  /** {@code name} when it is a valid object name; otherwise a 400 naming the rule, never echoing a long name. */
  public static String require(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw ApiProblem.badRequest("no " + what + " name given");
    }
    if (name.length() > MAX) {
      throw ApiProblem.badRequest("the " + what + " name is longer than " + MAX + " characters");
    }
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw ApiProblem.badRequest("'" + name.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a " + what
          + " name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
    }
    return name;
  }
}
