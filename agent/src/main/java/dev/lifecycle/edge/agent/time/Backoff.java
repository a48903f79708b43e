package dev.lifecycle.edge.agent.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th delay in a row is drawn from [base/2, base], where base
 * doubles from {@code initial} up to {@code max}. The jitter keeps a fleet that lost its gateway
 * from coming back all in the same second. Not thread-safe: one per agent loop.
 */
public final class Backoff {

  /** 1 s doubling to 60 s. */
  public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(60);

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private int failures;

  /**
   * @param initial the base of the first delay
   * @param max the largest base
   * @param random numbers in [0, 1), injected so tests can pin the jitter
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** 1 s doubling to 60 s, with random jitter. */
  public static Backoff standard() {
    return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before the next attempt; each call counts one more failure. */
  public Duration next() {
    long base = base(failures);
    failures = Math.min(failures + 1, 62);
    long half = base / 2;
    return Duration.ofMillis(half + Math.round((base - half) * random.getAsDouble()));
  }

  /** A success: the next failure starts again from {@code initial}. */
  public void reset() {
    failures = 0;
  }

  /** Whether the last attempt failed. */
  public boolean failing() {
    return failures > 0;
  }

  private long base(int doublings) {
    long millis = initial.toMillis();
    for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Math.min(millis, max.toMillis());
  }
}
