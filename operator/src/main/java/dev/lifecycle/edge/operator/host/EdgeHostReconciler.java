package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.operator.OperatorServices;
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

/**
 * Judges each EdgeHost: its phase and its Ready, Reconciling and Stalled conditions, from what the
 * agent reported (registration, heartbeats, reports) and what the cluster reconciler assigned
 * (cluster, plan). It owns {@code status.phase}, {@code status.conditions} and
 * {@code status.observedGeneration} and writes nothing else.
 *
 * <p>Three parties write an EdgeHost's status: the gateway (the agent's fields), the cluster
 * reconciler (cluster, plan) and this reconciler (the table on
 * {@link dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus}). Each write here goes through
 * {@link JudgedHostWrites}: a read-modify-write of a fresh object with its resourceVersion, retried
 * from a fresh read on 409, so a concurrent write of another party is never overwritten; the verdict
 * is judged on that fresh object, so the phase written always matches the facts it is written next to.
 *
 * <p>Status changes carry no new {@code metadata.generation}, and they are what this reconciler
 * reacts to, hence {@code generationAwareEventProcessing = false}.
 */
@ControllerConfiguration(name = "edgehost", generationAwareEventProcessing = false,
    informer = @Informer(onAddFilter = RegistrationInFlight.class))
public class EdgeHostReconciler implements Reconciler<EdgeHost> {

  private final OperatorServices services;
  private final JudgedHostWrites judged;
  private final ErrorStatus errors;

  public EdgeHostReconciler(OperatorServices services) {
    this.services = services;
    this.judged = JudgedHostWrites.of(services);
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  @Override
  public UpdateControl<EdgeHost> reconcile(EdgeHost host, Context<EdgeHost> context) {
    if (services.unreadable().skip(host)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    Duration staleness = services.settings().staleness();
    Optional<EdgeHost> written = judged.judge(host, now);
    return reschedule(written.orElse(host), now, staleness, services.startedAt());
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<EdgeHost> updateErrorStatus(EdgeHost host, Context<EdgeHost> context, Exception e) {
    return errors.reportShared(host, context, e, EdgeHostStatus::new, services.statusWriter());
  }

  /**
   * Unreachable is detected on time, without polling: a reachable host's reconcile ends with one
   * timer for that host, set to just after its own deadline ({@link HostPhaseJudge#unreachableAt}), in
   * java-operator-sdk's scheduler, which keeps one pending timer per resource. Every heartbeat
   * changes {@code lastSeen}, so the host is reconciled anyway and the timer moves to the new
   * deadline; a host that keeps reporting never wakes on the timer, and a silent one wakes once,
   * when it turns Unreachable. Nothing scans hosts or wakes on a fixed period.
   */
  private static UpdateControl<EdgeHost> reschedule(EdgeHost host, Instant now, Duration staleness,
      Instant listeningSince) {
    return UnreachableTimer.delay(host.getStatus(), now, staleness, listeningSince)
        .map(delay -> UpdateControl.<EdgeHost>noUpdate().rescheduleAfter(delay))
        .orElseGet(UpdateControl::noUpdate);
  }
}
