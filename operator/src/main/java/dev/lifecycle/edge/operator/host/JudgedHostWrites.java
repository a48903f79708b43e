package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.status.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writes a change to an EdgeHost's status together with the host reconciler's verdict on the result
 * ({@link HostVerdict}, {@link HostStatusUpdate}), judged on the same fresh object, and records the
 * Event of the transition ({@link HostNotices}). The one way to judge a host and announce it: the host
 * reconciler, the gateway (a registration, a report) and the rollout (a moved host's plan) all write
 * through here, so a change costs one status write and the phase always matches the facts beside it.
 */
public final class JudgedHostWrites {

  private final StatusWriter writer;
  private final EventRecorder events;
  private final Duration staleness;
  private final HostLiveness liveness;

  /**
   * For writes that record the agent's contact (a registration, a report), which need no grace period.
   *
   * @param staleness how long without a report before a host counts as Unreachable
   */
  /** The operator's own: its status writer, its Events, its staleness, and the instant it started. */
  public static JudgedHostWrites of(OperatorServices services) {
    return new JudgedHostWrites(services.statusWriter(), services.events(), services.settings().staleness(),
        services.liveness());
  }

  /** @param liveness what this replica heard of the hosts beside their status */
  JudgedHostWrites(StatusWriter writer, EventRecorder events, Duration staleness, HostLiveness liveness) {
    this.writer = writer;
    this.events = events;
    this.staleness = staleness;
    this.liveness = liveness;
  }

  /** A phase written over another: the phase found on the fresh object, and the verdict written. */
  private record Transition(Phase before, HostVerdict after) {
  }

  /**
   * Applies {@code change} to a fresh read of the host, judges the result and writes both.
   *
   * @param applies whether the change still applies to the fresh object; nothing is written when not
   * @return the written host, or empty when the change no longer applies or the host is gone
   */
  public Optional<EdgeHost> write(EdgeHost host, Predicate<EdgeHost> applies, Consumer<EdgeHost> change,
      Instant now) {
    return write(host, applies, change, now, Set.of());
  }

  /**
   * As {@link #write(EdgeHost, Predicate, Consumer, Instant)}, for a change whose Event the caller records
   * itself, naming the host: a transition into one of {@code announcedByCaller} gets no Event of the host's
   * own (a cluster's claim is its HostClaimed, a rollout's plan its HostUpgrading), so one change costs one
   * Event write, not two saying the same. A host coming back from Unreachable is announced all the same.
   */
  public Optional<EdgeHost> write(EdgeHost host, Predicate<EdgeHost> applies, Consumer<EdgeHost> change,
      Instant now, Set<Phase> announcedByCaller) {
    AtomicReference<Transition> transition = new AtomicReference<>();
    Optional<EdgeHost> written = writer.update(host, applies, fresh -> {
      Phase before = fresh.getStatus() == null ? null : fresh.getStatus().getPhase();
      change.accept(fresh);
      HostVerdict verdict = HostVerdict.of(fresh, now, staleness, liveness.heardSince(fresh));
      transition.set(new Transition(before, verdict));
      return HostStatusUpdate.apply(fresh, verdict, now);
    });
    written.ifPresent(h -> {
      Transition done = transition.get();
      boolean announced = announcedByCaller.contains(done.after().phase()) && done.before() != Phase.Unreachable;
      if (!announced) {
        HostNotices.between(done.before(), done.after())
            .ifPresent(notice -> events.record(h, notice.warning(), notice.reason(), notice.message()));
      }
    });
    return written;
  }

  /** Records an Event on the host that is not a phase transition (such as a site change the agent applied). */
  public void announce(EdgeHost host, HostNotices.Notice notice) {
    events.record(host, notice.warning(), notice.reason(), notice.message());
  }

  /** Writes the host's verdict unless it already carries it. */
  public Optional<EdgeHost> judge(EdgeHost host, Instant now) {
    return write(host, fresh -> !HostStatusUpdate.isCurrent(fresh,
            HostVerdict.of(fresh, now, staleness, liveness.heardSince(fresh)), now),
        fresh -> { }, now);
  }
}
