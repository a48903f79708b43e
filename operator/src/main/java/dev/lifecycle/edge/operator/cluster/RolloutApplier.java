package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.cluster.ClusterRollout.Version;
import dev.lifecycle.edge.operator.host.HostRules;
import dev.lifecycle.edge.operator.host.JudgedHostWrites;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import dev.lifecycle.edge.operator.upgrade.RolloutRound;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a cluster's rolling upgrade around the pure {@link RolloutStep}: reads what a round decides
 * from (a rollout begun when spec.profileRef points at another version, the profiles it moves
 * between, its hosts), and applies what the round decided: the cluster's status, then the batch's
 * plans, then the Events.
 *
 * <p>Writes are ordered so that an operator stopped between any two of them resumes correctly: a
 * batch is recorded in the cluster's status (in flight, with the whole status the round ends with)
 * before the hosts' plans change, and a recorded in-flight host whose plan is not yet written gets it
 * on the next round. One cluster status write per batch.
 */
final class RolloutApplier {

  private static final int PLAN_WRITERS = 8;
  /** The host's Upgrading on its move plan: the batch's HostUpgrading names the host and its versions. */
  private static final Set<EdgeHostStatus.Phase> MOVE_ANNOUNCED = Set.of(EdgeHostStatus.Phase.Upgrading);

  /**
   * The profiles a rollout moves between, as far as they can be read.
   *
   * @param target toProfile at version to
   * @param source fromProfile at version from
   */
  record Legs(Optional<Version> target, Optional<Version> source) {

    static final Legs NONE = new Legs(Optional.empty(), Optional.empty());

    RolloutStep.Profiles profiles() {
      return new RolloutStep.Profiles(target.isPresent(), source.isPresent());
    }

    Optional<Version> toward(String version) {
      return target.filter(v -> v.version().equals(version))
          .or(() -> source.filter(v -> v.version().equals(version)));
    }
  }

  /**
   * A round decided and ready to apply.
   *
   * @param round what the rollout step decided
   * @param legs the profiles the batch's plans are made from
   * @param hosts the cluster's hosts as the round leaves them (the batch with its new plans)
   * @param settings what the cluster's spec puts in the batch's plans
   */
  record Decided(RolloutRound round, Legs legs, List<HostView> hosts, PlanSettings settings) {
  }

  private final OperatorServices services;
  private final InformerEventSource<EdgeHost, EdgeCluster> hosts;
  private final InformerEventSource<ClusterProfile, EdgeCluster> profiles;
  private final JudgedHostWrites hostWrites;
  // Threads only while batches are written: a fleet between rollouts keeps none.
  private final ThreadPoolExecutor planWriters = new ThreadPoolExecutor(PLAN_WRITERS, PLAN_WRITERS, 30,
      TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "edge-operator-plan-writer");
        thread.setDaemon(true);
        return thread;
      });

  RolloutApplier(OperatorServices services, InformerEventSource<EdgeHost, EdgeCluster> hosts,
      InformerEventSource<ClusterProfile, EdgeCluster> profiles) {
    this.services = services;
    this.hosts = hosts;
    this.profiles = profiles;
    this.hostWrites = JudgedHostWrites.of(services);
    planWriters.allowCoreThreadTimeOut(true);
  }

  /**
   * Reads what the round decides from and asks the rollout step once. A host recorded in flight
   * whose plan does not show its move yet is read from the API, or its plan written now (the
   * operator stopped between recording a batch and writing it).
   *
   * @param target the version spec.profileRef names, when it resolves
   * @param owned the cluster's hosts by name
   * @param mayBegin whether a new rollout may begin this round (not while a scale-down's released hosts reset)
   * @param frozen whether nothing may move (the cluster's variables do not resolve): the rollout reads as if
   *     neither of its profiles could be read, so no batch starts
   */
  Decided decide(EdgeCluster cluster, Optional<FormationPlanner.Target> target, Map<String, HostView> owned,
      boolean mayBegin, Instant now, boolean frozen) {
    EdgeClusterStatus status = cluster.getStatus();
    Optional<Version> wanted = target.map(t -> new Version(t.profileName(), t.profileVersion(), t.layers()));
    PlanSettings settings = target.map(FormationPlanner.Target::settings)
        .orElseGet(() -> PlanSettings.of(cluster.getSpec()));
    UpgradeStatus upgrade = status == null ? null : status.getUpgrade();
    if (mayBegin && wanted.isPresent() && ClusterRollout.begins(status, wanted.get())) {
      // Not written yet: no host carries this rollout's id, so an operator that stops now simply begins
      // it again. Its first batch records the intent before any host moves.
      upgrade = ClusterRollout.begin(status, wanted.get(), List.copyOf(owned.values()), now,
          settings.secretVariables());
    }
    boolean active = RolloutStep.active(upgrade);
    Legs legs = active && !frozen ? legs(cluster, upgrade, wanted, owned) : Legs.NONE;
    Map<String, HostView> current = new LinkedHashMap<>(owned);
    if (active) {
      UpgradeStatus recorded = upgrade;
      legs.toward(RolloutStep.destination(upgrade))
          .ifPresent(destination -> resumeRecordedMoves(cluster, recorded, destination, current, settings, now));
    }
    List<RolloutHost> rolloutHosts = active
        ? ClusterRollout.rolloutHosts(upgrade, List.copyOf(current.values())) : List.of();
    RolloutRound round = RolloutStep.next(new RolloutStep.Input(upgrade,
        status == null ? null : status.getProfileVersion(), wanted.map(Version::version), rolloutHosts,
        ClusterRollout.strategy(cluster.getSpec()), legs.profiles(), now, upgradeNow(cluster)));
    round.batch().ifPresent(batch -> legs.toward(batch.version()).ifPresent(destination ->
        batch.hosts().forEach(h -> afterMove(cluster, round.upgrade(), current.get(h.name()), destination, settings, now)
            .ifPresent(moved -> current.put(h.name(), moved)))));
    return new Decided(round, legs, List.copyOf(current.values()), settings);
  }

  /**
   * Writes the round's status, then, if the round moves a batch, the batch's plans side by side (the
   * intent is recorded, so any order is safe), and records the Events of what changed.
   *
   * @param before the status the round started from
   * @param desired the cluster's whole status after the round
   * @param now the instant of the round: a batch's plans are issued at one instant
   */
  void apply(EdgeCluster cluster, EdgeClusterStatus before, EdgeClusterStatus desired, Decided decided,
      Context<EdgeCluster> context, Instant now) {
    Optional<RolloutRound.Batch> batch = decided.round().batch();
    if (batch.isEmpty()) {
      if (PrimaryStatus.writeIfChanged(cluster, desired, context)) {
        announce(cluster, ClusterNotices.between(before, desired));
      }
      return;
    }
    EdgeCluster recorded = PrimaryStatus.write(cluster, desired, context);
    // Told once the plans are written, so that the Events name only the hosts that moved.
    List<ClusterNotices.Notice> told = ClusterNotices.between(before, desired);
    UpgradeStatus upgrade = decided.round().upgrade();
    Version destination = decided.legs().toward(batch.get().version()).orElseThrow();
    List<RolloutHost> moving = batch.get().hosts();
    Map<RolloutHost, CompletableFuture<Optional<EdgeHost>>> writes = new LinkedHashMap<>();
    for (RolloutHost host : moving) {
      writes.put(host, moving.size() == 1
          ? CompletableFuture.completedFuture(writePlan(recorded, upgrade, host.name(), destination,
              decided.settings(), now))
          : CompletableFuture.supplyAsync(() -> writePlan(recorded, upgrade, host.name(), destination,
              decided.settings(), now),
              planWriters));
    }
    List<RolloutHost> moved = writes.entrySet().stream().filter(write -> write.getValue().join().isPresent())
        .map(Map.Entry::getKey).toList();
    announce(recorded, moved.isEmpty() ? told
        : ClusterNotices.withBatch(told, ClusterNotices.hostsUpgrading(moved, destination.version(), upgrade)));
  }

  /** The value of the cluster's upgrade-now annotation, or null. */
  static String upgradeNow(EdgeCluster cluster) {
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(UpgradeNowRecord.ANNOTATION);
  }

  private void resumeRecordedMoves(EdgeCluster cluster, UpgradeStatus upgrade, Version destination,
      Map<String, HostView> owned, PlanSettings settings, Instant now) {
    String clusterName = cluster.getMetadata().getName();
    for (String name : upgrade.getInFlight()) {
      HostView cached = owned.get(name);
      if (cached == null || ClusterRollout.movedTo(upgrade, cached, destination.version())) {
        continue;
      }
      Optional<EdgeHost> fresh = fetch(cluster, name).filter(h -> HostRules.ownedBy(h, clusterName));
      if (fresh.isEmpty()) {
        continue;
      }
      if (ClusterRollout.movedTo(upgrade, view(fresh.get(), now), destination.version())) {
        owned.put(name, view(fresh.get(), now));
      } else {
        writePlan(cluster, upgrade, name, destination, settings, now).ifPresent(h -> owned.put(name, view(h, now)));
      }
    }
  }

  /** Writes the move plan on the host, with the host's verdict on it in the same write. */
  private Optional<EdgeHost> writePlan(EdgeCluster cluster, UpgradeStatus upgrade, String hostName,
      Version destination, PlanSettings settings, Instant now) {
    String clusterName = cluster.getMetadata().getName();
    return cachedHost(cluster, hostName).flatMap(h -> hostWrites.write(h,
        fresh -> HostRules.ownedBy(fresh, clusterName)
            && !ClusterRollout.movedTo(upgrade, view(fresh, now), destination.version()),
        fresh -> withMovePlan(fresh, upgrade, destination, now, settings), now, MOVE_ANNOUNCED));
  }

  /** The host as its move plan's write will leave it, for the status that records the batch. */
  private Optional<HostView> afterMove(EdgeCluster cluster, UpgradeStatus upgrade, HostView host,
      Version destination, PlanSettings settings, Instant now) {
    return Optional.ofNullable(host).flatMap(h -> cachedHost(cluster, h.name()))
        .map(h -> services.client().getKubernetesSerialization().clone(h))
        .map(copy -> view(withMovePlan(copy, upgrade, destination, now, settings), now));
  }

  private EdgeHost withMovePlan(EdgeHost host, UpgradeStatus upgrade, Version destination, Instant now,
      PlanSettings settings) {
    host.getStatus().setPlan(ClusterRollout.movePlan(view(host, now), upgrade, destination, now, settings));
    return host;
  }

  /**
   * The rollout's target and source versions: the resolved target when the rollout goes toward it, else
   * from the profile informer's cache; empty when a profile is gone. A version with variable values
   * ({@link VariableResolver#version}) other than the wanted one is read from a host's plan that carries it
   * (values from Secrets stay references there; the gateway reads the Secrets as they are now).
   */
  private Legs legs(EdgeCluster cluster, UpgradeStatus upgrade, Optional<Version> wanted,
      Map<String, HostView> owned) {
    return new Legs(version(cluster, upgrade.getToProfile(), upgrade.getTo(), wanted, owned),
        version(cluster, upgrade.getFromProfile(), upgrade.getFrom(), wanted, owned));
  }

  private Optional<Version> version(EdgeCluster cluster, String profileName, String version, Optional<Version> wanted,
      Map<String, HostView> owned) {
    if (profileName == null || version == null) {
      return Optional.empty();
    }
    Optional<Version> resolved = wanted.filter(w -> w.profileName().equals(profileName) && w.version().equals(version));
    if (resolved.isPresent()) {
      return resolved;
    }
    if (VariableResolver.hasValues(version)) {
      return owned.values().stream()
          .filter(h -> h.plan() != null && h.plan().getAction() != HostPlan.Action.Reset
              && profileName.equals(h.plan().getProfile()) && version.equals(h.plan().getProfileVersion()))
          .findFirst()
          .map(h -> new Version(profileName, version, h.plan().getLayers()));
    }
    return profiles.get(new ResourceID(profileName, cluster.getMetadata().getNamespace()))
        .filter(p -> p.getSpec() != null && version.equals(p.getSpec().getVersion()))
        .map(p -> new Version(profileName, version, p.getSpec().getLayers()));
  }

  private void announce(EdgeCluster cluster, List<ClusterNotices.Notice> notices) {
    notices.forEach(n -> services.events().record(cluster, n.warning(), n.reason(), n.message()));
  }

  private Optional<EdgeHost> fetch(EdgeCluster cluster, String name) {
    return Optional.ofNullable(services.client().resources(EdgeHost.class)
        .inNamespace(cluster.getMetadata().getNamespace()).withName(name).get());
  }

  private Optional<EdgeHost> cachedHost(EdgeCluster cluster, String name) {
    return hosts.get(new ResourceID(name, cluster.getMetadata().getNamespace()));
  }

  private HostView view(EdgeHost host, Instant now) {
    return HostView.of(host, now, services.settings().staleness(), services.liveness().heardSince(host));
  }
}
