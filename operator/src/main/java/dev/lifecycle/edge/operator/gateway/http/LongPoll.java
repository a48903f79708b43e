package dev.lifecycle.edge.operator.gateway.http;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wait} preference of RFC 7240 on {@code GET /v1/plan}: {@code Prefer: wait=30} asks the
 * gateway to hold the answer up to 30 s until the plan changes, instead of answering 304 at once.
 * The gateway names the wait it applied in {@code Preference-Applied}, so an agent knows it may ask
 * again at once.
 */
public final class LongPoll {

  public static final String PREFER = "Prefer";
  public static final String PREFERENCE_APPLIED = "Preference-Applied";
  /** The longest the gateway holds a request, well inside its 120 s idle timeout. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private static final Pattern WAIT = Pattern.compile("(?:^|[;,\\s])wait\\s*=\\s*(\\d{1,6})(?:$|[;,\\s])");

  private LongPoll() {
  }

  /** The wait asked for, capped at {@link #MAX_WAIT}; empty when none (or zero) was asked for. */
  public static Optional<Duration> requested(String prefer) {
    if (prefer == null || prefer.length() > 256) {
      return Optional.empty();
    }
    Matcher matcher = WAIT.matcher(prefer.toLowerCase(java.util.Locale.ROOT));
    if (!matcher.find()) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(matcher.group(1));
    if (seconds == 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds())));
  }

  /** The {@code Preference-Applied} value for a wait. */
  public static String applied(Duration wait) {
    return "wait=" + wait.toSeconds();
  }
}
