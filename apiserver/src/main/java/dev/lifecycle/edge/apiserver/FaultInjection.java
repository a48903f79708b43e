package dev.lifecycle.edge.apiserver;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the embedded API injects, off by default ({@link #NONE}): to prove that a client converges
 * when its API misbehaves as a real one can. A fraction of writes fails with 500 (an API server or
 * etcd hiccup) or with 409 (a conflict with a writer the client cannot see), every response may be
 * late by up to {@code latency}, and every {@code watchDropInterval} all open watches are dropped, so
 * that clients must reconnect. The decisions come from a generator seeded with {@code seed}, so that
 * a run's sequence of faults replays.
 *
 * @param writeFailureRate the fraction of writes (POST, PUT, PATCH, DELETE) answered 500 and not applied
 * @param conflictRate the fraction of writes answered 409 and not applied
 * @param latency the longest delay added to a response (each drawn between 1 ms and it, in whole
 *     milliseconds); under 1 ms: none
 * @param watchDropInterval how often every open watch is dropped; zero: never
 * @param seed the seed of the faults' random generator
 * @param sparedUserAgent requests whose User-Agent contains this get no fault (an observer that must see every
 *     event, such as a test's invariant checker); empty: none spared
 */
public record FaultInjection(double writeFailureRate, double conflictRate, Duration latency,
    Duration watchDropInterval, long seed, String sparedUserAgent) {

  /** No fault: the embedded API as it is by default. */
  public static final FaultInjection NONE = new FaultInjection(0, 0, Duration.ZERO, Duration.ZERO, 0, "");

  public FaultInjection {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(watchDropInterval, "watchDropInterval");
    Objects.requireNonNull(sparedUserAgent, "sparedUserAgent");
    if (writeFailureRate < 0 || conflictRate < 0 || writeFailureRate + conflictRate > 1) {
      throw new IllegalArgumentException("writeFailureRate and conflictRate must be fractions of at most 1 together, "
          + "not " + writeFailureRate + " and " + conflictRate);
    }
    if (latency.isNegative() || watchDropInterval.isNegative()) {
      throw new IllegalArgumentException("latency and watchDropInterval cannot be negative");
    }
  }

  /** Writes failing: {@code failureRate} of them with 500 and as many again with 409, from this seed. */
  public static FaultInjection failingWrites(double failureRate, long seed) {
    return new FaultInjection(failureRate / 2, failureRate / 2, Duration.ZERO, Duration.ZERO, seed, "");
  }

  public FaultInjection withLatency(Duration maximum) {
    return new FaultInjection(writeFailureRate, conflictRate, maximum, watchDropInterval, seed, sparedUserAgent);
  }

  public FaultInjection withWatchesDroppedEvery(Duration interval) {
    return new FaultInjection(writeFailureRate, conflictRate, latency, interval, seed, sparedUserAgent);
  }

  public FaultInjection sparing(String userAgent) {
    return new FaultInjection(writeFailureRate, conflictRate, latency, watchDropInterval, seed, userAgent);
  }

  /** Whether any fault is injected at all. */
  public boolean active() {
    return writeFailureRate > 0 || conflictRate > 0 || !latency.isZero() || !watchDropInterval.isZero();
  }

  /** Whether a request from this User-Agent gets no fault. */
  boolean spares(String userAgent) {
    return !sparedUserAgent.isEmpty() && userAgent != null && userAgent.contains(sparedUserAgent);
  }
}
