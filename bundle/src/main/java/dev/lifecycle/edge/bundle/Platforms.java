package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Platforms written {@code os/architecture[/variant]}, as in {@code docker pull --platform}. */
final class Platforms {

  private static final Pattern FORM = Pattern.compile("[a-z0-9_.-]+/[a-z0-9_.-]+(/[a-z0-9_.-]+)?");

  private Platforms() {
  }

  static String check(String platform) {
    if (platform == null || !FORM.matcher(platform).matches()) {
      throw new IllegalArgumentException("platform \"" + platform + "\" is not os/architecture[/variant]");
    }
    return platform;
  }

  /** Whether an index entry's {@code platform} object is the wanted platform (any variant when none is wanted). */
  static boolean matches(String wanted, JsonNode platform) {
    String[] parts = wanted.split("/");
    if (platform == null || !parts[0].equals(platform.path("os").asText())
        || !parts[1].equals(platform.path("architecture").asText())) {
      return false;
    }
    return parts.length < 3 || parts[2].equals(platform.path("variant").asText());
  }

  static String describe(JsonNode platform) {
    if (platform == null || platform.isMissingNode()) {
      return "no platform";
    }
    String variant = platform.path("variant").asText("");
    return platform.path("os").asText("?") + "/" + platform.path("architecture").asText("?")
        + (variant.isEmpty() ? "" : "/" + variant);
  }
}
