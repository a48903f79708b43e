package dev.lifecycle.edge.operator.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock shifted to a chosen instant, running on from there; a test moves it forward at will. */
public final class ShiftableClock extends Clock {

  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** A clock that reads {@code start} now, and runs on in real time. */
  public static ShiftableClock startingAt(Instant start) {
    ShiftableClock clock = new ShiftableClock();
    clock.offset.set(Duration.between(Instant.now(), start));
    return clock;
  }

  /** Moves the clock forward to {@code target}. */
  public void moveTo(Instant target) {
    Duration by = Duration.between(instant(), target);
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: it reads " + instant() + ", not " + target);
    }
    offset.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
