package dev.lifecycle.edge.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the Kubernetes form, as the CRDs and the gateway's answers write them: {@code 90s},
 * {@code 30m}, {@code 24h}, {@code 168h}; also {@code 1h30m}, {@code 1.5h} and {@code 250ms}. Pure.
 */
public final class Durations {

  /** The form, as the CRDs' validation rules check it (ms, s, m, h). */
  private static final Pattern WHOLE = Pattern.compile("^([0-9]+([.][0-9]+)?(ms|s|m|h))+$");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:[.][0-9]+)?)(ms|s|m|h)");

  private Durations() {
  }

  /**
   * {@code text} as a duration.
   *
   * @throws IllegalArgumentException naming the text and the expected form when it is not a duration
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: expected a form such as 90s, 30m, "
          + "24h or 1h30m");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code text} as a duration, or {@code fallback} when the text is null. */
  public static Duration parseOrDefault(String text, Duration fallback) {
    return text == null ? fallback : parse(text);
  }

  /** {@code duration} in its largest whole unit, the way Kubernetes users write one: 90s, 3m, 168h, 1500ms. */
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

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalArgumentException("not a unit of a duration: " + unit);
    };
  }
}
