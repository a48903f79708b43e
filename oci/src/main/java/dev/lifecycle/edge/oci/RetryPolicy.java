package dev.lifecycle.edge.oci;

import java.time.Duration;
import java.util.Optional;

/**
 * How often a request is tried again after a 429, a 5xx or a broken connection, and how long to wait:
 * exponential from {@code initialDelay}, or the registry's {@code Retry-After}, never above {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(10));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
  }

  /** Whether an answer with this status is worth trying again. */
  public static boolean retryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
  }

  /** Whether a further attempt follows attempt number {@code attempt} (1-based). */
  public boolean another(int attempt) {
    return attempt < maxAttempts;
  }

  /** The wait before attempt {@code attempt + 1}. */
  public Duration delay(int attempt, Optional<String> retryAfter) {
    Duration wait = retryAfter.flatMap(RetryPolicy::seconds)
        .orElseGet(() -> initialDelay.multipliedBy(1L << Math.min(attempt - 1, 20)));
    return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long value = Long.parseLong(header.strip());
      return value >= 0 ? Optional.of(Duration.ofSeconds(value)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // an HTTP date: fall back to our own back-off
    }
  }
}
