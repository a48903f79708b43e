package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.host.HostNotices.Notice;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges each EdgeHost: its phase and its Ready, Reconciling and Stalled conditions, from what the
 * agent reported (registration, heartbeats, reports) and what the cluster reconciler assigned
 * (cluster, plan). It owns {@code status.phase}, {@code status.conditions} and
 * {@code status.observedGeneration} and writes nothing else.
 *
 * <p>Three parties write an EdgeHost's status: the gateway (the agent's fields), the cluster
 * reconciler (cluster, plan) and this reconciler. Each write here is a read-modify-write of a fresh
 * object with its resourceVersion, retried from a fresh read on 409, so a concurrent write of
 * another party is never overwritten; the verdict is judged on that fresh object, so the phase
 * written always matches the facts it is written next to.
 *
 * <p>Status changes carry no new {@code metadata.generation}, and they are what this reconciler
 * reacts to, hence {@code generationAwareEventProcessing = false}.
 */
@ControllerConfiguration(name = "edgehost", generationAwareEventProcessing = false,
    informer = @Informer(onAddFilter = RegistrationInFlight.class))
public class EdgeHostReconciler implements Reconciler<EdgeHost> {

  private final OperatorServices services;
  private final ErrorStatus errors;

  public EdgeHostReconciler(OperatorServices services) {
    this.services = services;
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  /** A phase written over another: the phase found on the fresh object, and the verdict written. */
  private record Transition(Phase before, HostVerdict after) {
  }

  @Override
  public UpdateControl<EdgeHost> reconcile(EdgeHost host, Context<EdgeHost> context) {
    if (services.unreadable().skip(host)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    Duration staleness = services.settings().staleness();
    AtomicReference<Transition> transition = new AtomicReference<>();
    Optional<EdgeHost> written = services.statusWriter().update(host,
        fresh -> !HostStatusUpdate.isCurrent(fresh, HostVerdict.of(fresh, now, staleness), now),
        fresh -> {
          HostVerdict verdict = HostVerdict.of(fresh, now, staleness);
          transition.set(new Transition(fresh.getStatus() == null ? null : fresh.getStatus().getPhase(), verdict));
          return HostStatusUpdate.apply(fresh, verdict, now);
        });
    written.ifPresent(h -> HostNotices.between(transition.get().before(), transition.get().after())
        .ifPresent(notice -> record(h, notice)));
    return reschedule(written.orElse(host), now, staleness);
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<EdgeHost> updateErrorStatus(EdgeHost host, Context<EdgeHost> context, Exception e) {
    return errors.reportShared(host, context, e, EdgeHostStatus::new, services.statusWriter());
  }

  /**
   * Unreachable is detected on time, without polling: a reachable host's reconcile ends with one
   * timer for that host, set to just after its own deadline (last report + staleness), in
   * java-operator-sdk's scheduler, which keeps one pending timer per resource. Every heartbeat
   * changes {@code lastSeen}, so the host is reconciled anyway and the timer moves to the new
   * deadline; a host that keeps reporting never wakes on the timer, and a silent one wakes once,
   * when it turns Unreachable. Nothing scans hosts or wakes on a fixed period.
   */
  private static UpdateControl<EdgeHost> reschedule(EdgeHost host, Instant now, Duration staleness) {
    return UnreachableTimer.delay(host.getStatus(), now, staleness)
        .map(delay -> UpdateControl.<EdgeHost>noUpdate().rescheduleAfter(delay))
        .orElseGet(UpdateControl::noUpdate);
  }

  private void record(EdgeHost host, Notice notice) {
    services.events().record(host, notice.warning(), notice.reason(), notice.message());
  }
}
