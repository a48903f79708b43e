package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.cluster.ClusterRollout.Version;
import dev.lifecycle.edge.operator.host.HostNotices;
import dev.lifecycle.edge.operator.host.HostStatusUpdate;
import dev.lifecycle.edge.operator.host.HostVerdict;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision;
import dev.lifecycle.edge.operator.upgrade.RolloutPlanner;
import dev.lifecycle.edge.operator.upgrade.RolloutState;
import dev.lifecycle.edge.operator.upgrade.UpgradeImpact;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one round of a cluster's rolling upgrade: starts a rollout when spec.profileRef points at
 * another version, asks the {@link RolloutPlanner} what moves next, writes the moved hosts' plans and
 * sums the rollout up for {@code status.upgrade}.
 *
 * <p>Writes are ordered so that an operator stopped between any two of them resumes correctly: the
 * rollout (and every batch, as in-flight hosts) is recorded in the cluster's status before the hosts'
 * plans change, and a recorded in-flight host whose plan is not yet written gets it on the next round.
 * A batch is recorded with the whole status the round ends with (the hosts as they stand once their
 * plans are written), so the round's closing status write finds nothing left to change: one cluster
 * write per batch, not two.
 */
final class RolloutDriver {

  private static final int PLAN_WRITERS = 8;

  /**
   * What a round leaves behind.
   *
   * @param cluster the cluster as last written (the base for the round's final status write)
   * @param upgrade status.upgrade after the round, or null when no rollout ever ran
   * @param profileVersion the version the cluster runs after the round
   * @param verdict the conditions the rollout asks for, if it decides them
   * @param wakeAfter when to look again although nothing changes (a host's timeout)
   */
  record Outcome(EdgeCluster cluster, UpgradeStatus upgrade, String profileVersion, Optional<ClusterVerdict> verdict,
      Optional<Duration> wakeAfter) {
  }

  /**
   * The cluster's whole status for a round's outcome and the hosts as they stand: the reconciler's
   * status builder, so that a batch is recorded with the status the round ends with.
   */
  @FunctionalInterface
  interface StatusDraft {
    EdgeClusterStatus of(Outcome outcome, List<HostView> hosts);
  }

  private final OperatorServices services;
  private final InformerEventSource<EdgeHost, EdgeCluster> hosts;
  private final InformerEventSource<ClusterProfile, EdgeCluster> profiles;
  // Threads only while batches are written: a fleet between rollouts keeps none.
  private final ThreadPoolExecutor planWriters = new ThreadPoolExecutor(PLAN_WRITERS, PLAN_WRITERS, 30,
      TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "edge-operator-plan-writer");
        thread.setDaemon(true);
        return thread;
      });

  RolloutDriver(OperatorServices services, InformerEventSource<EdgeHost, EdgeCluster> hosts,
      InformerEventSource<ClusterProfile, EdgeCluster> profiles) {
    this.services = services;
    this.hosts = hosts;
    this.profiles = profiles;
    planWriters.allowCoreThreadTimeOut(true);
  }

  /**
   * @param target the version spec.profileRef names, when it resolves
   * @param owned the cluster's hosts by name; updated with every plan written
   * @param draft builds the status a batch is recorded with
   */
  Outcome drive(EdgeCluster cluster, Context<EdgeCluster> context, Optional<FormationPlanner.Target> target,
      Map<String, HostView> owned, StatusDraft draft, Instant now) {
    EdgeClusterStatus status = cluster.getStatus();
    String profileVersion = status == null ? null : status.getProfileVersion();
    UpgradeStatus upgrade = status == null || status.getUpgrade() == null ? null : copy(status.getUpgrade());

    Optional<Version> wanted = target.map(t -> new Version(t.profileName(), t.profileVersion(), t.layers()));
    if (wanted.isPresent() && ClusterRollout.begins(status, wanted.get())) {
      upgrade = ClusterRollout.begin(status, wanted.get(), List.copyOf(owned.values()), now);
      announce(cluster, upgrade, owned.size());
      if (ClusterRollout.touchesNoHost(upgrade)) {
        upgrade.setPhase(UpgradeStatus.Phase.Complete);
        upgrade.setFinishedAt(now.toString());
        upgrade.setUpdated(upgrade.getTotal());
        services.events().normal(cluster, "UpgradeComplete", "cluster runs " + upgrade.getTo() + ": no host "
            + "had anything to do (" + UpgradeImpact.describe(upgrade.getLayers()) + ")");
        return new Outcome(cluster, upgrade, upgrade.getTo(), Optional.empty(), Optional.empty());
      }
      // Not written yet: no host carries this rollout's id, so an operator that stops now simply
      // begins it again. Its first batch records the intent before any host moves.
    }
    if (!ClusterRollout.active(upgrade)) {
      return new Outcome(cluster, upgrade, profileVersion, rolledBackVerdict(upgrade, wanted), Optional.empty());
    }
    return advance(cluster, context, upgrade, profileVersion, owned, draft, now);
  }

  /** A rollback stays Stalled while spec.profileRef still names the version that failed. */
  private static Optional<ClusterVerdict> rolledBackVerdict(UpgradeStatus upgrade, Optional<Version> wanted) {
    boolean stillWanted = upgrade != null && upgrade.getPhase() == UpgradeStatus.Phase.RolledBack
        && wanted.map(w -> w.version().equals(upgrade.getTo())).orElse(false);
    return stillWanted ? RolloutVerdict.of(upgrade, null, null) : Optional.empty();
  }

  private Outcome advance(EdgeCluster cluster, Context<EdgeCluster> context, UpgradeStatus upgrade,
      String profileVersion, Map<String, HostView> owned, StatusDraft draft, Instant now) {
    List<String> previousInFlight = List.copyOf(upgrade.getInFlight());
    UpgradeStatus.Phase previousPhase = upgrade.getPhase();
    Optional<Version> destination = version(cluster, upgrade);
    if (destination.isEmpty()) {
      return blocked(cluster, upgrade, profileVersion, "ProfileNotFound", "the rollout needs ClusterProfile "
          + profileNameOf(upgrade) + ", which does not exist or is invalid; restore it to go on");
    }
    completeRecordedMoves(cluster, upgrade, destination.get(), owned, now);

    RolloutState state;
    try {
      state = ClusterRollout.state(upgrade, List.copyOf(owned.values()), cluster.getSpec(), now);
    } catch (IllegalArgumentException e) {
      return blocked(cluster, upgrade, profileVersion, "InvalidSpec", "spec.upgradeStrategy: " + e.getMessage());
    }
    RolloutDecision decision = RolloutPlanner.decide(state);
    if (decision instanceof RolloutDecision.StartRollback turn) {
      upgrade.setPhase(UpgradeStatus.Phase.RollingBack);
      upgrade.setFailedHost(turn.host());
      upgrade.setFailure(failure(cluster, turn.host(), state, owned));
      services.events().warning(cluster, "RollingBack", "rolling back to " + upgrade.getFrom() + ": "
          + upgrade.getFailure());
      upgrade.setInFlight(List.of());
      cluster = recordIntent(cluster, upgrade, context);
      destination = version(cluster, upgrade);
      if (destination.isEmpty()) {
        return blocked(cluster, upgrade, profileVersion, "ProfileNotFound", "rolling back needs ClusterProfile "
            + upgrade.getFromProfile() + ", which does not exist or is invalid; restore it to go on");
      }
      state = ClusterRollout.state(upgrade, List.copyOf(owned.values()), cluster.getSpec(), now);
      decision = RolloutPlanner.decide(state);
    }

    String reason = null;
    String detail = null;
    if (decision instanceof RolloutDecision.Move move) {
      upgrade.setPhase(state.rollingBack() ? UpgradeStatus.Phase.RollingBack : UpgradeStatus.Phase.Progressing);
      cluster = move(cluster, context, upgrade, move, destination.get(), owned, profileVersion, draft, now);
      detail = movingDetail(cluster, upgrade, move, owned, now);
    } else if (decision instanceof RolloutDecision.Wait wait) {
      upgrade.setPhase(state.paused() ? UpgradeStatus.Phase.Paused
          : state.rollingBack() ? UpgradeStatus.Phase.RollingBack : UpgradeStatus.Phase.Progressing);
      detail = wait.reason();
    } else if (decision instanceof RolloutDecision.Stall stall) {
      reason = stall.reason();
      boolean news = upgrade.getPhase() != UpgradeStatus.Phase.Stalled;
      String failure = failure(cluster, stall.host(), state, owned);
      upgrade.setPhase(UpgradeStatus.Phase.Stalled);
      upgrade.setFailedHost(stall.host());
      upgrade.setFailure(state.rollingBack() ? "rollback stopped: " + failure : failure);
      if (news) {
        services.events().warning(cluster, "UpgradeStalled", upgrade.getFailure());
      }
    } else if (decision instanceof RolloutDecision.Complete) {
      upgrade.setPhase(UpgradeStatus.Phase.Complete);
      upgrade.setFinishedAt(now.toString());
      profileVersion = upgrade.getTo();
      services.events().normal(cluster, "UpgradeComplete", "every host runs " + upgrade.getTo() + " (upgraded "
          + "from " + upgrade.getFrom() + ")");
    } else if (decision instanceof RolloutDecision.RolledBack) {
      upgrade.setPhase(UpgradeStatus.Phase.RolledBack);
      upgrade.setFinishedAt(now.toString());
      services.events().warning(cluster, "RolledBack", "every host runs " + upgrade.getFrom() + " again after "
          + upgrade.getFailure());
    } else {
      throw new IllegalStateException("a rollback cannot turn around: " + decision);
    }
    reportFinishedBatch(cluster, upgrade, previousInFlight, previousPhase, owned);
    return outcome(cluster, upgrade, profileVersion, reason, detail, owned, now);
  }

  /** Sums the round up from the hosts as they stand: counts, in-flight hosts, conditions, next timeout. */
  private static Outcome outcome(EdgeCluster cluster, UpgradeStatus upgrade, String profileVersion, String reason,
      String detail, Map<String, HostView> hosts, Instant now) {
    ClusterRollout.count(upgrade, List.copyOf(hosts.values()));
    if (upgrade.getPhase() == UpgradeStatus.Phase.Complete) {
      upgrade.setInFlight(List.of());
    }
    Optional<Duration> wake = ClusterRollout.nextTimeout(ClusterRollout.state(upgrade, List.copyOf(hosts.values()),
        cluster.getSpec(), now)).map(deadline -> Duration.between(now, deadline).plusMillis(50));
    return new Outcome(cluster, upgrade, profileVersion, RolloutVerdict.of(upgrade, reason, detail), wake);
  }

  private static String movingDetail(EdgeCluster cluster, UpgradeStatus upgrade, RolloutDecision.Move move,
      Map<String, HostView> hosts, Instant now) {
    return afterMove(cluster, upgrade, hosts, now)
        .orElse("moving " + String.join(", ", move.hosts()) + " to " + move.version());
  }

  /**
   * What the planner says once the batch is on its way ("waiting for ... to report healthy"), so that
   * the next round, seeing the same, does not rewrite the status only to change its wording.
   */
  private static Optional<String> afterMove(EdgeCluster cluster, UpgradeStatus upgrade, Map<String, HostView> owned,
      Instant now) {
    RolloutDecision next = RolloutPlanner.decide(ClusterRollout.state(upgrade, List.copyOf(owned.values()),
        cluster.getSpec(), now));
    return next instanceof RolloutDecision.Wait wait ? Optional.of(wait.reason()) : Optional.empty();
  }

  /**
   * Records the batch as in flight, with the whole status the round ends with once the batch's plans
   * are written, then writes each host's new plan.
   */
  private EdgeCluster move(EdgeCluster cluster, Context<EdgeCluster> context, UpgradeStatus upgrade,
      RolloutDecision.Move move, Version destination, Map<String, HostView> owned, String profileVersion,
      StatusDraft draft, Instant now) {
    List<String> batch = move.hosts();
    Map<String, HostView> planned = new LinkedHashMap<>(owned);
    for (String name : batch) {
      cachedOrFetched(cluster, name).map(h -> view(withMovePlan(clone(h), upgrade, destination, now).host(), now))
          .ifPresent(h -> planned.put(name, h));
    }
    UpgradeStatus recordedUpgrade = copy(upgrade);
    Outcome intent = outcome(cluster, recordedUpgrade, profileVersion, null,
        movingDetail(cluster, recordedUpgrade, move, planned, now), planned, now);
    // The batch is in flight whatever the prediction of its hosts says: a restart must finish it.
    Set<String> recordedInFlight = new LinkedHashSet<>(recordedUpgrade.getInFlight());
    recordedInFlight.addAll(batch);
    recordedUpgrade.setInFlight(new ArrayList<>(recordedInFlight));
    EdgeCluster recorded = PrimaryStatus.write(cluster, draft.of(intent, List.copyOf(planned.values())), context);
    // The batch's plans are written side by side: a batch of ten hosts starts together, not one
    // round trip after another. The intent above is already recorded, so any order is safe.
    Map<String, CompletableFuture<Optional<HostView>>> writes = new LinkedHashMap<>();
    for (String name : batch) {
      HostView host = owned.get(name);
      if (host != null) {
        writes.put(name, batch.size() == 1
            ? CompletableFuture.completedFuture(writePlan(recorded, upgrade, host, destination, now))
            : CompletableFuture.supplyAsync(() -> writePlan(recorded, upgrade, host, destination, now), planWriters));
      }
    }
    writes.forEach((name, write) -> write.join().ifPresent(written -> {
      String before = owned.get(name).plan().getProfileVersion();
      owned.put(name, written);
      services.events().normal(recorded, "HostUpgrading", "host " + name + " (" + written.role() + "): "
          + before + " -> " + destination.version() + ", " + hostActionText(upgrade)
          + (batch.size() > 1 ? " (batch of " + batch.size() + ")" : ""));
    }));
    return recorded;
  }

  /**
   * A host recorded in flight whose plan does not show the move yet: either the cache is behind (read
   * the host from the API) or the operator stopped between recording and writing (write it now).
   */
  private void completeRecordedMoves(EdgeCluster cluster, UpgradeStatus upgrade, Version destination,
      Map<String, HostView> owned, Instant now) {
    for (String name : upgrade.getInFlight()) {
      HostView cached = owned.get(name);
      if (cached == null || ClusterRollout.movedTo(upgrade, cached, destination.version())) {
        continue;
      }
      Optional<HostView> fresh = fetch(cluster, name);
      if (fresh.isEmpty() || !fresh.get().ownedBy(cluster.getMetadata().getName())) {
        continue;
      }
      if (ClusterRollout.movedTo(upgrade, fresh.get(), destination.version())) {
        owned.put(name, fresh.get());
      } else {
        writePlan(cluster, upgrade, fresh.get(), destination, now).ifPresent(h -> owned.put(name, h));
      }
    }
  }

  private Optional<HostView> writePlan(EdgeCluster cluster, UpgradeStatus upgrade, HostView host,
      Version destination, Instant now) {
    String clusterName = cluster.getMetadata().getName();
    AtomicReference<PlannedHost> planned = new AtomicReference<>();
    Optional<EdgeHost> written = cachedOrFetched(cluster, host.name()).flatMap(h -> services.statusWriter().update(h,
        fresh -> fresh.getStatus() != null && fresh.getStatus().getCluster() != null
            && clusterName.equals(fresh.getStatus().getCluster().getName())
            && !ClusterRollout.movedTo(upgrade, view(fresh, now), destination.version()),
        fresh -> {
          planned.set(withMovePlan(fresh, upgrade, destination, now));
          return planned.get().host();
        }));
    written.ifPresent(h -> HostNotices.between(planned.get().before(), planned.get().verdict()).ifPresent(notice ->
        services.events().record(h, notice.warning(), notice.reason(), notice.message())));
    return written.map(h -> view(h, now));
  }

  /**
   * A host with its move plan on it, as the plan's write leaves it.
   *
   * @param before the host's phase before the plan
   * @param verdict the host reconciler's verdict on the new plan
   */
  private record PlannedHost(EdgeHost host, EdgeHostStatus.Phase before, HostVerdict verdict) {
  }

  /** Puts the move plan on {@code host} (changed in place) with the host reconciler's verdict on it. */
  private PlannedHost withMovePlan(EdgeHost host, UpgradeStatus upgrade, Version destination, Instant now) {
    HostPlan plan = ClusterRollout.movePlan(view(host, now), upgrade, destination, now);
    EdgeHostStatus.Phase before = host.getStatus().getPhase();
    host.getStatus().setPlan(plan);
    // The host reconciler's verdict on the new plan (Upgrading) in the same write, with its own code:
    // one write per moved host instead of two.
    HostVerdict verdict = HostVerdict.of(host, now, services.settings().staleness());
    return new PlannedHost(HostStatusUpdate.apply(host, verdict, now), before, verdict);
  }

  private void announce(EdgeCluster cluster, UpgradeStatus upgrade, int hostCount) {
    services.events().normal(cluster, "UpgradeStarted", "upgrade " + upgrade.getFrom() + " -> " + upgrade.getTo()
        + " of " + hostCount + " host(s): " + UpgradeImpact.describe(upgrade.getLayers()) + "; each host "
        + hostActionText(upgrade));
  }

  private void reportFinishedBatch(EdgeCluster cluster, UpgradeStatus upgrade, List<String> previousInFlight,
      UpgradeStatus.Phase previousPhase, Map<String, HostView> owned) {
    if (previousInFlight.isEmpty()) {
      return;
    }
    String destination = previousPhase == UpgradeStatus.Phase.RollingBack ? upgrade.getFrom() : upgrade.getTo();
    boolean allHealthy = previousInFlight.stream().map(owned::get)
        .allMatch(h -> h != null && h.phase() == Phase.Running && ClusterRollout.movedTo(upgrade, h, destination));
    if (allHealthy) {
      services.events().normal(cluster, "BatchUpgraded", String.join(", ", previousInFlight) + " healthy on "
          + destination + "; " + upgrade.getUpdated() + "/" + upgrade.getTotal() + " host(s) on " + upgrade.getTo());
    }
  }

  /** What went wrong with a host, for status.upgrade.failure: what it reported, or that it timed out. */
  private String failure(EdgeCluster cluster, String hostName, RolloutState state, Map<String, HostView> owned) {
    HostView host = owned.get(hostName);
    String destination = state.destination();
    if (host != null && host.phase() == Phase.Failed) {
      String reported = hosts.get(new ResourceID(hostName, cluster.getMetadata().getNamespace()))
          .map(h -> h.getStatus() == null || h.getStatus().getReport() == null ? null
              : h.getStatus().getReport().getMessage())
          .filter(m -> !m.isBlank())
          .orElse("no message");
      return hostName + " reported failure on " + destination + ": " + reported;
    }
    return hostName + " did not report healthy on " + destination + " within "
        + Durations.format(state.hostTimeout());
  }

  private Outcome blocked(EdgeCluster cluster, UpgradeStatus upgrade, String profileVersion, String reason,
      String message) {
    return new Outcome(cluster, upgrade, profileVersion, Optional.of(ClusterVerdict.stalled(EdgeClusterStatus.Phase.Degraded,
        reason, message)), Optional.empty());
  }

  /** The version hosts move to now, from the profile informer's cache; empty when the profile is gone. */
  private Optional<Version> version(EdgeCluster cluster, UpgradeStatus upgrade) {
    String name = profileNameOf(upgrade);
    String version = ClusterRollout.destination(upgrade);
    return profiles.get(new ResourceID(name, cluster.getMetadata().getNamespace()))
        .filter(p -> p.getSpec() != null && version.equals(p.getSpec().getVersion()))
        .map(p -> new Version(name, version, p.getSpec().getLayers()));
  }

  private static String profileNameOf(UpgradeStatus upgrade) {
    return upgrade.getPhase() == UpgradeStatus.Phase.RollingBack ? upgrade.getFromProfile() : upgrade.getToProfile();
  }

  private EdgeCluster recordIntent(EdgeCluster cluster, UpgradeStatus upgrade, Context<EdgeCluster> context) {
    EdgeClusterStatus status = cluster.getStatus() == null ? new EdgeClusterStatus()
        : services.client().getKubernetesSerialization().clone(cluster.getStatus());
    status.setUpgrade(copy(upgrade));
    return PrimaryStatus.write(cluster, status, context);
  }

  private Optional<HostView> fetch(EdgeCluster cluster, String name) {
    return Optional.ofNullable(services.client().resources(EdgeHost.class)
            .inNamespace(cluster.getMetadata().getNamespace()).withName(name).get())
        .map(h -> view(h, services.clock().instant()));
  }

  private Optional<EdgeHost> cachedOrFetched(EdgeCluster cluster, String name) {
    return hosts.get(new ResourceID(name, cluster.getMetadata().getNamespace()));
  }

  private HostView view(EdgeHost host, Instant now) {
    return HostView.of(host, now, services.settings().staleness());
  }

  private static String hostActionText(UpgradeStatus upgrade) {
    return switch (upgrade.getHostAction() == null ? LayerChange.HostAction.None : upgrade.getHostAction()) {
      case Reboot -> "reboots";
      case RestartServices -> "restarts services, no reboot";
      case None -> "has nothing to do";
    };
  }

  private UpgradeStatus copy(UpgradeStatus upgrade) {
    return services.client().getKubernetesSerialization().clone(upgrade);
  }

  private EdgeHost clone(EdgeHost host) {
    return services.client().getKubernetesSerialization().clone(host);
  }
}
