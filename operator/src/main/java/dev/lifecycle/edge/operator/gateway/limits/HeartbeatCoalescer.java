package dev.lifecycle.edge.operator.gateway.limits;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.host.HostLiveness;
import dev.lifecycle.edge.operator.host.HostRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Decides which heartbeats become an API write: a host's {@code lastSeen} is written at most once per
 * {@code interval} in steady state and at once when the host was never seen or is Unreachable. While this
 * replica judges hosts, the judge hears its heartbeats in memory ({@link HostLiveness}) and that is all. While it
 * does not (a follower), at least once per {@link HostRules#lastSeenRefresh} (two thirds of the staleness) while
 * heartbeats come, so that a heartbeat received but not written is never newer than {@link HostRules#lastHeard},
 * from which the leader's judge counts staleness: from the last heartbeat received, not the last one written.
 * Every other heartbeat costs nothing.
 *
 * <p>The decision and the reservation of a write are one atomic step per host, so simultaneous
 * heartbeats of one host make one write.
 */
public final class HeartbeatCoalescer {

  /** An Unreachable host is written again at most this often while the cache still shows it Unreachable. */
  static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(1);

  private final Duration interval;
  private final Duration refreshAgeUnheard;
  private final BooleanSupplier judgedHere;
  private final Clock clock;
  private final Map<String, Instant> lastWrites = new ConcurrentHashMap<>();

  /**
   * @param interval the most frequent steady-state write
   * @param staleness how long without {@code lastSeen} moving before a host is Unreachable
   * @param judgedHere whether this replica judges hosts, so that its heartbeats count unwritten
   *     ({@link HostLiveness#judging})
   */
  public HeartbeatCoalescer(Duration interval, Duration staleness, BooleanSupplier judgedHere, Clock clock) {
    // No bound from the heartbeat interval: the judge's deadline counts from the latest heartbeat this may
    // leave unwritten (HostRules.lastHeard), so the next one, written, arrives a whole staleness before it.
    Duration shortest = Stream.of(interval, HostRules.lastSeenRefresh(staleness)).min(Comparator.naturalOrder())
        .orElseThrow();
    this.interval = interval.isNegative() ? Duration.ZERO : interval;
    this.refreshAgeUnheard = shortest.isNegative() ? Duration.ZERO : shortest;
    this.judgedHere = judgedHere;
    this.clock = clock;
  }

  /** The age of {@code lastSeen} at which a heartbeat is written. */
  Duration refreshAge() {
    return judgedHere.getAsBoolean() ? interval : refreshAgeUnheard;
  }

  /**
   * Whether this heartbeat is to be written; when it is, the write is reserved (a concurrent heartbeat
   * of the same host is not).
   *
   * @param host the host's key (namespace/name)
   * @param phase the host's phase as cached (null when it has none yet)
   * @param lastSeen the host's {@code lastSeen} as cached
   */
  public boolean claim(String host, Phase phase, Optional<Instant> lastSeen) {
    Instant now = clock.instant();
    Duration refreshAge = refreshAge();
    boolean[] write = new boolean[1];
    lastWrites.compute(host, (key, previous) -> {
      write[0] = shouldWrite(now, Optional.ofNullable(previous), lastSeen, phase, refreshAge);
      return write[0] ? now : previous;
    });
    return write[0];
  }

  /** Records a write of {@code lastSeen} made by another call (a registration, a report). */
  public void wrote(String host, Instant at) {
    lastWrites.merge(host, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Forgets a host (its write failed, or it is gone): its next heartbeat is written. */
  public void forget(String host) {
    lastWrites.remove(host);
  }

  /** The decision, pure. */
  static boolean shouldWrite(Instant now, Optional<Instant> lastWrite, Optional<Instant> lastSeen, Phase phase,
      Duration refreshAge) {
    if (lastWrite.isEmpty() && lastSeen.isEmpty()) {
      return true;
    }
    if (phase == Phase.Unreachable) {
      return lastWrite.map(at -> !at.plus(UNREACHABLE_RETRY).isAfter(now)).orElse(true);
    }
    Instant latest = lastWrite.orElse(Instant.MIN);
    if (lastSeen.isPresent() && lastSeen.get().isAfter(latest)) {
      latest = lastSeen.get();
    }
    return !latest.plus(refreshAge).isAfter(now);
  }
}
