package dev.lifecycle.edge.operator.gateway.limits;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How many requests may wait for the gateway's workers: as many as the workers finish in
 * {@link #QUEUE_SECONDS} at the pace they kept lately, never fewer than a floor (the workers times
 * four) nor more than a ceiling (each waiting request holds its body). A request beyond is turned away
 * with 503 and Retry-After.
 *
 * <p>A fixed bound sized for a slow moment turned most of a fleet powering on at once away, and the
 * agents sent away came back a second or two later all together: the workers idled between the waves
 * (a registration burst of 500 ran at 7 to 270 registrations a second by turns). Waiting a few seconds
 * is well within an agent's 30 s request timeout, so nothing is done twice.
 */
public final class Admission {

  /** A waiting request is served within about this long at the recent pace. */
  static final double QUEUE_SECONDS = 5;
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final int floor;
  private final int ceiling;
  private final LongSupplier nanoTime;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger finishedInWindow = new AtomicInteger();
  private long windowStart;
  private volatile double perSecond;

  public Admission(int floor, int ceiling, LongSupplier nanoTime) {
    if (floor < 1 || ceiling < floor) {
      throw new IllegalArgumentException("need 1 <= floor <= ceiling, got " + floor + " and " + ceiling);
    }
    this.floor = floor;
    this.ceiling = ceiling;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Admits a request (it waits, then runs, then calls {@link #finished}), or refuses it. */
  boolean tryAdmit() {
    if (waiting.incrementAndGet() > limit()) {
      waiting.decrementAndGet();
      return false;
    }
    return true;
  }

  /** An admitted request is done. */
  void finished() {
    waiting.decrementAndGet();
    finishedInWindow.incrementAndGet();
  }

  /** The bound now. */
  int limit() {
    roll();
    return (int) Math.max(floor, Math.min(ceiling, perSecond * QUEUE_SECONDS));
  }

  /** Requests waiting or running now. */
  int waiting() {
    return waiting.get();
  }

  /** Once a window has passed: the pace of the window, averaged with the earlier pace. */
  private void roll() {
    long now = nanoTime.getAsLong();
    if (now - windowStart < WINDOW_NANOS) {
      return;
    }
    synchronized (this) {
      long elapsed = now - windowStart;
      if (elapsed < WINDOW_NANOS) {
        return;
      }
      double pace = finishedInWindow.getAndSet(0) / (elapsed / 1e9);
      perSecond = perSecond == 0 ? pace : (perSecond + pace) / 2;
      windowStart = now;
    }
  }
}
