package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.Validation;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Kubernetes-style duration strings: 90s, 30m, 24h, 1h30m, 1.5h, 250ms. */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile(Validation.DURATION_REGEX);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:[.][0-9]+)?)(ms|s|m|h)");

  private Durations() {
  }

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the value and the expected form when it is not a duration
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: expected a form such as 90s, 30m, "
          + "24h or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      double amount = Double.parseDouble(part.group(1));
      long nanosPerUnit = switch (part.group(2)) {
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      total = total.plusNanos(Math.round(amount * nanosPerUnit));
    }
    return total;
  }

  /** A duration the way Kubernetes users write one and {@link #parse} reads: 90s, 3m, 1h, 1500ms. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** Parses a duration, or returns the fallback when the text is null. */
  public static Duration parseOrDefault(String text, Duration fallback) {
    return text == null ? fallback : parse(text);
  }
}
