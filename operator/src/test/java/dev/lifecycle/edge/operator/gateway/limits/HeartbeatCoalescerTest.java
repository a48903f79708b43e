package dev.lifecycle.edge.operator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HeartbeatCoalescerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  /** A staleness of 5 minutes: the write interval, not the staleness, sets the pace. */
  private final HeartbeatCoalescer coalescer = new HeartbeatCoalescer(Duration.ofMinutes(1), Duration.ofMinutes(5),
      () -> false, clock);

  @Test
  @DisplayName("When a never-seen host sends heartbeats every 30 s, then one of every two is written: once a minute")
  void steadyStateWritesOncePerMinute() {
    int writes = 0;
    for (int beat = 0; beat < 10; beat++) {
      clock.set(T0.plusSeconds(30L * beat));
      if (coalescer.claim("ns/a", beat == 0 ? null : Phase.Available, Optional.empty())) {
        writes++;
      }
    }
    assertThat(writes).isEqualTo(5);
  }

  @Test
  @DisplayName("When heartbeats come within the interval, then only the first is written")
  void heartbeatsWithinTheIntervalAreCoalesced() {
    assertThat(coalescer.claim("ns/a", Phase.Available, Optional.of(T0.minusSeconds(120)))).isTrue();
    for (int i = 1; i <= 20; i++) {
      clock.set(T0.plusSeconds(2L * i));
      assertThat(coalescer.claim("ns/a", Phase.Available, Optional.of(T0.minusSeconds(120)))).isFalse();
    }
  }

  @Test
  @DisplayName("When the cached host is Unreachable, then its heartbeat is written at once, but not once a millisecond")
  void unreachableIsWrittenAtOnce() {
    coalescer.wrote("ns/a", T0);
    clock.set(T0.plusMillis(100));
    assertThat(coalescer.claim("ns/a", Phase.Unreachable, Optional.of(T0))).isFalse();
    clock.set(T0.plus(HeartbeatCoalescer.UNREACHABLE_RETRY));
    assertThat(coalescer.claim("ns/a", Phase.Unreachable, Optional.of(T0))).isTrue();
    assertThat(coalescer.claim("ns/b", Phase.Unreachable, Optional.of(T0))).as("never written by us").isTrue();
  }

  @Test
  @DisplayName("When the staleness limit is close to the interval, then lastSeen is written at least every two thirds "
      + "of the staleness, so no heartbeat received goes unwritten longer than the judge allows for")
  void writesBeforeTheStalenessDeadline() {
    HeartbeatCoalescer tight = new HeartbeatCoalescer(Duration.ofMinutes(5), Duration.ofSeconds(90), () -> false,
        clock);
    assertThat(tight.refreshAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(new HeartbeatCoalescer(Duration.ofMinutes(1), Duration.ofSeconds(30), () -> false, clock)
        .refreshAge()).isEqualTo(Duration.ofSeconds(20));
    assertThat(new HeartbeatCoalescer(Duration.ofSeconds(1), Duration.ofSeconds(90), () -> false, clock)
        .refreshAge()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("When heartbeats come every 30 s with the default 90 s staleness, then lastSeen is written every "
      + "second one: at most once a minute")
  void defaultSettingsWriteOncePerMinute() {
    HeartbeatCoalescer defaults = new HeartbeatCoalescer(Duration.ofMinutes(1), Duration.ofSeconds(90),
        () -> false, clock);
    int writes = 0;
    for (int beat = 0; beat < 10; beat++) {
      clock.set(T0.plusSeconds(30L * beat));
      if (defaults.claim("ns/a", beat == 0 ? null : Phase.Available, Optional.empty())) {
        writes++;
      }
    }
    assertThat(writes).isEqualTo(5);
  }

  @Test
  @DisplayName("When a report wrote lastSeen, then the next heartbeat within the interval is not written")
  void reportsCountAsWrites() {
    coalescer.wrote("ns/a", T0);
    clock.set(T0.plusSeconds(30));
    assertThat(coalescer.claim("ns/a", Phase.Running, Optional.of(T0))).isFalse();
    clock.set(T0.plusSeconds(60));
    assertThat(coalescer.claim("ns/a", Phase.Running, Optional.of(T0))).isTrue();
  }

  @Test
  @DisplayName("When a write failed and the host is forgotten, then its next heartbeat is written")
  void forgottenHostIsWrittenAgain() {
    assertThat(coalescer.claim("ns/a", null, Optional.empty())).isTrue();
    coalescer.forget("ns/a");
    assertThat(coalescer.claim("ns/a", null, Optional.empty())).isTrue();
  }

  @Test
  @DisplayName("When the cache shows a lastSeen newer than this gateway's write (another writer), then it counts")
  void cachedLastSeenCounts() {
    clock.set(T0.plusSeconds(100));
    assertThat(coalescer.claim("ns/a", Phase.Available, Optional.of(T0.plusSeconds(90)))).isFalse();
    assertThat(coalescer.claim("ns/b", Phase.Available, Optional.of(T0))).isTrue();
  }

  @Test
  @DisplayName("When this replica judges hosts (it hears its heartbeats in memory), then a host sending heartbeats "
      + "every 30 s is written once per interval (5 minutes), not every two thirds of the staleness; when it stops "
      + "leading, then at once every minute again")
  void theJudgingReplicaWritesOncePerInterval() {
    java.util.concurrent.atomic.AtomicBoolean judging = new java.util.concurrent.atomic.AtomicBoolean(true);
    HeartbeatCoalescer leader = new HeartbeatCoalescer(Duration.ofMinutes(5), Duration.ofSeconds(90), judging::get,
        clock);
    int writes = 0;
    for (int beat = 0; beat < 20; beat++) {
      clock.set(T0.plusSeconds(30L * beat));
      if (leader.claim("ns/a", beat == 0 ? null : Phase.Running, Optional.empty())) {
        writes++;
      }
    }
    assertThat(writes).as("10 minutes of heartbeats: at 0 and 5 minutes").isEqualTo(2);
    judging.set(false);
    assertThat(leader.refreshAge()).isEqualTo(Duration.ofSeconds(60));
    clock.set(T0.plusSeconds(30L * 20));
    assertThat(leader.claim("ns/a", Phase.Running, Optional.empty())).as("last written 5 minutes before").isTrue();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
