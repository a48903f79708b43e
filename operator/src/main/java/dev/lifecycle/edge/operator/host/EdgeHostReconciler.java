package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import dev.lifecycle.edge.wire.Site;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
 * <p>It also issues a host's Configure plan ({@link SiteConfigure}) when the operator's site settings of
 * the host change: its {@code spec.site}, or the network defaults of the RegistrationToken it registered
 * with (a token's spec change wakes the hosts registered with it).
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
  private InformerEventSource<RegistrationToken, EdgeHost> tokens;
  private final HostWakeUps wakeUps = new HostWakeUps();

  public EdgeHostReconciler(OperatorServices services) {
    this.services = services;
    this.judged = JudgedHostWrites.of(services);
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  @Override
  public List<EventSource<?, EdgeHost>> prepareEventSources(EventSourceContext<EdgeHost> context) {
    tokens = new InformerEventSource<>(InformerEventSourceConfiguration.from(RegistrationToken.class, EdgeHost.class)
        .withSecondaryToPrimaryMapper(token -> hostsRegisteredWith(token, context))
        // Only a spec change can change the network defaults; the status counts registrations.
        .withOnUpdateFilter((updated, previous) -> !Objects.equals(updated.getMetadata().getGeneration(),
            previous.getMetadata().getGeneration()))
        .build(), context);
    return List.of(tokens, wakeUps);
  }

  private static Set<ResourceID> hostsRegisteredWith(RegistrationToken token, EventSourceContext<EdgeHost> context) {
    String name = token.getMetadata().getName();
    return context.getPrimaryCache().list(token.getMetadata().getNamespace())
        .filter(h -> name.equals(OperatorSite.tokenName(h)))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<EdgeHost> reconcile(EdgeHost host, Context<EdgeHost> context) {
    if (services.unreadable().skip(host)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    Duration staleness = services.settings().staleness();
    EdgeHost judgedHost = judged.judge(host, now).orElse(host);
    EdgeHost written = configureIfChanged(judgedHost, now).orElse(judgedHost);
    reschedule(written, now, staleness, services.liveness().heardSince(written));
    return UpdateControl.noUpdate();
  }

  /**
   * Writes a Configure plan when the host needs one, decided again on the fresh object the write
   * starts from (a cluster may have planned the host meanwhile), with an Event naming the fields that
   * changed (never their values: a proxy URL may hold a password).
   */
  private Optional<EdgeHost> configureIfChanged(EdgeHost host, Instant now) {
    Site wanted = OperatorSite.of(host, token(host));
    if (SiteConfigure.plan(host.getStatus(), wanted, now).isEmpty()) {
      return Optional.empty();
    }
    HostPlan before = host.getStatus().getPlan();
    Optional<EdgeHost> written = judged.write(host,
        fresh -> SiteConfigure.plan(fresh.getStatus(), wanted, now).isPresent(),
        fresh -> fresh.getStatus().setPlan(SiteConfigure.plan(fresh.getStatus(), wanted, now).orElseThrow()), now);
    written.ifPresent(h -> {
      HostPlan plan = h.getStatus().getPlan();
      List<String> changed = SiteConfigure.changedFields(before == null ? null : OperatorSite.wire(before.getSite()),
          wanted);
      services.events().normal(h, HostReasons.SITE_CHANGED, "site settings changed (" + String.join(", ", changed)
          + "): plan generation " + plan.getGeneration() + " (Configure) applies them"
          + (plan.getCluster() == null ? "" : ", keeping the host in cluster " + plan.getCluster() + " on profile "
          + "version " + plan.getProfileVersion()));
    });
    return written;
  }

  /** The token the host registered with, from the informer's cache; null when unknown or deleted. */
  private RegistrationToken token(EdgeHost host) {
    String name = OperatorSite.tokenName(host);
    return name == null || tokens == null ? null
        : tokens.get(new ResourceID(name, host.getMetadata().getNamespace())).orElse(null);
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<EdgeHost> updateErrorStatus(EdgeHost host, Context<EdgeHost> context, Exception e) {
    return errors.reportShared(host, context, e, EdgeHostStatus::new, services.statusWriter());
  }

  /**
   * Unreachable is detected on time, without polling: a reachable host's reconcile ends with one
   * wake-up for that host, set to just after its own deadline ({@link HostPhaseJudge#unreachableAt}), in
   * {@link HostWakeUps}, which keeps one pending wake-up per host. A heartbeat written to {@code lastSeen}
   * reconciles the host anyway and moves the wake-up to the new deadline; one this replica's gateway only heard
   * ({@link HostLiveness}) moves the deadline without a reconcile, so the wake-up finds the host still heard and
   * sets the next one: a host that keeps reporting wakes about once per staleness limit and writes nothing, and a
   * silent one turns Unreachable on time. Nothing scans hosts or wakes on a fixed period.
   */
  private void reschedule(EdgeHost host, Instant now, Duration staleness, Instant heardSince) {
    ResourceID id = ResourceID.fromResource(host);
    UnreachableTimer.delay(host.getStatus(), now, staleness, heardSince)
        .ifPresentOrElse(delay -> wakeUps.wakeAfter(id, delay), () -> wakeUps.cancel(id));
  }
}
