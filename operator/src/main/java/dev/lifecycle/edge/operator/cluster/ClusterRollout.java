package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.operator.upgrade.MaxUnavailable;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import dev.lifecycle.edge.operator.upgrade.RolloutState;
import dev.lifecycle.edge.operator.upgrade.UpgradeImpact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rolling upgrade of one cluster as pure decisions over plain values: when a rollout begins,
 * how the cluster's hosts look to the {@link dev.lifecycle.edge.operator.upgrade.RolloutPlanner},
 * the plan a moved host gets, and how the rollout is summed up in {@code status.upgrade}. The
 * reconciler reads, asks, and writes; nothing here touches the API.
 *
 * <p>A rollout is identified by {@code status.upgrade.id}; every plan it issues carries that id and
 * the instant it was issued, so which hosts it moved, in which order and since when is read back
 * from the hosts themselves after an operator restart.
 */
final class ClusterRollout {

  static final Duration DEFAULT_HOST_TIMEOUT = Duration.ofMinutes(30);

  private static final Set<UpgradeStatus.Phase> ACTIVE = EnumSet.of(UpgradeStatus.Phase.Progressing,
      UpgradeStatus.Phase.Paused, UpgradeStatus.Phase.Stalled, UpgradeStatus.Phase.RollingBack);

  private ClusterRollout() {
  }

  /** A profile version hosts can be moved to: what a host plan needs of it. */
  record Version(String profileName, String version, List<ProfileLayer> layers) {
  }

  static boolean active(UpgradeStatus upgrade) {
    return upgrade != null && upgrade.getPhase() != null && ACTIVE.contains(upgrade.getPhase());
  }

  /**
   * Whether a new rollout toward {@code target} begins now: the cluster has formed, and either it
   * runs another version and no rollout toward this one is recorded (a finished rollback is not
   * retried until spec.profileRef changes), or a rollout under way is retargeted.
   */
  static boolean begins(EdgeClusterStatus status, Version target) {
    if (status == null || status.getProfileVersion() == null) {
      return false;
    }
    UpgradeStatus upgrade = status.getUpgrade();
    boolean recordedTowardTarget = upgrade != null && target.version().equals(upgrade.getTo())
        && target.profileName().equals(upgrade.getToProfile());
    if (active(upgrade)) {
      return !recordedTowardTarget;
    }
    return !target.version().equals(status.getProfileVersion()) && !recordedTowardTarget;
  }

  /**
   * A new rollout from what the cluster runs to {@code target}. The impact compares the layers of a
   * host that must move (plans are copies of their profile) with the target's layers.
   */
  static UpgradeStatus begin(EdgeClusterStatus status, Version target, List<HostView> hosts, Instant now) {
    String from = status.getProfileVersion();
    List<HostView> planned = inRollout(hosts);
    Optional<HostView> source = planned.stream()
        .filter(h -> !target.version().equals(h.plan().getProfileVersion()))
        .min(forwardOrder());
    Optional<HostView> onFrom = planned.stream().filter(h -> from.equals(h.plan().getProfileVersion()))
        .min(forwardOrder());
    String fromProfile = onFrom.or(() -> source).map(h -> h.plan().getProfile()).orElse(null);
    UpgradeStatus previous = status.getUpgrade();
    if (previous != null && from.equals(previous.getFrom()) && previous.getFromProfile() != null) {
      fromProfile = previous.getFromProfile();
    } else if (previous != null && previous.getPhase() == UpgradeStatus.Phase.Complete
        && from.equals(previous.getTo()) && previous.getToProfile() != null) {
      // The cluster runs what the last rollout completed, even where hosts kept older plans because
      // that rollout touched no host: a rollback returns to that profile, not to the hosts' one.
      fromProfile = previous.getToProfile();
    }
    List<LayerChange> changes = UpgradeImpact.compare(source.map(h -> h.plan().getLayers()).orElse(target.layers()),
        target.layers());

    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setId(from + "-to-" + target.version() + "@" + now);
    upgrade.setFrom(from);
    upgrade.setTo(target.version());
    upgrade.setFromProfile(fromProfile);
    upgrade.setToProfile(target.profileName());
    upgrade.setStartedAt(now.toString());
    upgrade.setLayers(changes);
    upgrade.setHostAction(UpgradeImpact.hostAction(changes));
    upgrade.setTotal(planned.size());
    upgrade.setUpdated((int) planned.stream().filter(h -> healthyOn(h, target.version())).count());
    upgrade.setPhase(UpgradeStatus.Phase.Progressing);
    return upgrade;
  }

  /** Whether no host has anything to do: every change is applied inside the running cluster. */
  static boolean touchesNoHost(UpgradeStatus upgrade) {
    return upgrade.getHostAction() == LayerChange.HostAction.None;
  }

  /** The hosts a rollout moves: those the cluster has planned (a host still being claimed joins on the target). */
  static List<HostView> inRollout(List<HostView> hosts) {
    return hosts.stream()
        .filter(h -> h.plan() != null && h.plan().getAction() != HostPlan.Action.Reset
            && h.plan().getProfileVersion() != null)
        .toList();
  }

  /**
   * The planner's view of the rollout.
   *
   * @throws IllegalArgumentException when maxUnavailable or hostTimeout cannot be understood
   */
  static RolloutState state(UpgradeStatus upgrade, List<HostView> hosts, EdgeClusterSpec spec, Instant now) {
    List<HostView> planned = inRollout(hosts);
    Map<String, Integer> order = moveOrder(upgrade, planned);
    List<RolloutHost> rolloutHosts = planned.stream()
        .map(h -> new RolloutHost(h.name(), h.role(), h.plan().getProfileVersion(), h.phase() == Phase.Running,
            h.phase() == Phase.Failed, h.phase() == Phase.Unreachable, movedAt(upgrade, h), order.getOrDefault(
            h.name(), -1)))
        .toList();
    UpgradeStrategy strategy = spec == null ? null : spec.getUpgradeStrategy();
    int maxUnavailable = MaxUnavailable.resolve(strategy == null ? null : strategy.getMaxUnavailable(),
        rolloutHosts.size());
    Duration hostTimeout = strategy == null || strategy.getHostTimeout() == null ? DEFAULT_HOST_TIMEOUT
        : Durations.parse(strategy.getHostTimeout());
    FailurePolicy onFailure = strategy == null || strategy.getOnFailure() == null ? FailurePolicy.Pause
        : strategy.getOnFailure();
    boolean paused = spec != null && spec.isPaused();
    return new RolloutState(upgrade.getFrom(), upgrade.getTo(),
        upgrade.getPhase() == UpgradeStatus.Phase.RollingBack, rolloutHosts, maxUnavailable, paused, onFailure,
        hostTimeout, now);
  }

  /** Whether the host carries a plan of this rollout toward {@code version}. */
  static boolean movedTo(UpgradeStatus upgrade, HostView host, String version) {
    return host.plan() != null && Objects.equals(upgrade.getId(), host.plan().getRollout())
        && version.equals(host.plan().getProfileVersion());
  }

  /** The plan that moves a host to {@code destination}, keeping its cluster, role and control-plane endpoint. */
  static HostPlan movePlan(HostView host, UpgradeStatus upgrade, Version destination, Instant now) {
    HostPlan current = host.plan();
    HostPlan plan = new HostPlan();
    plan.setGeneration(host.planGeneration() + 1);
    plan.setAction(HostPlan.Action.Upgrade);
    plan.setCluster(current.getCluster());
    plan.setRole(host.role() != null ? host.role() : current.getRole());
    plan.setProfile(destination.profileName());
    plan.setProfileVersion(destination.version());
    plan.setControlPlaneEndpoint(current.getControlPlaneEndpoint());
    plan.setLayers(new ArrayList<>(destination.layers()));
    plan.setIssuedAt(now.toString());
    plan.setRollout(upgrade.getId());
    return plan;
  }

  /** The version hosts move to right now: the target, or the source while rolling back. */
  static String destination(UpgradeStatus upgrade) {
    return upgrade.getPhase() == UpgradeStatus.Phase.RollingBack ? upgrade.getFrom() : upgrade.getTo();
  }

  /** The hosts this rollout moved that are not yet healthy on where they were moved to. */
  static List<String> inFlight(UpgradeStatus upgrade, List<HostView> hosts) {
    String destination = destination(upgrade);
    return inRollout(hosts).stream()
        .filter(h -> movedTo(upgrade, h, destination) && h.phase() != Phase.Running)
        .sorted(forwardOrder())
        .map(HostView::name)
        .toList();
  }

  /** Updated and total counts of the rollout from the hosts as they stand. */
  static void count(UpgradeStatus upgrade, List<HostView> hosts) {
    List<HostView> planned = inRollout(hosts);
    upgrade.setTotal(planned.size());
    upgrade.setUpdated((int) planned.stream().filter(h -> healthyOn(h, upgrade.getTo())).count());
    upgrade.setInFlight(inFlight(upgrade, hosts));
  }

  /** The earliest instant an in-flight host runs out of time, for a reconcile that notices it. */
  static Optional<Instant> nextTimeout(RolloutState state) {
    String destination = state.destination();
    return state.hosts().stream()
        .filter(h -> h.moved() && h.on(destination) && !h.healthy() && !h.failed() && h.movedAt() != null)
        .map(h -> h.movedAt().plus(state.hostTimeout()))
        .filter(deadline -> deadline.isAfter(state.now()))
        .min(Comparator.naturalOrder());
  }

  private static boolean healthyOn(HostView host, String version) {
    return host.phase() == Phase.Running && version.equals(host.plan().getProfileVersion());
  }

  private static Instant movedAt(UpgradeStatus upgrade, HostView host) {
    if (host.plan() == null || !Objects.equals(upgrade.getId(), host.plan().getRollout())
        || host.plan().getIssuedAt() == null) {
      return null;
    }
    return Instant.parse(host.plan().getIssuedAt());
  }

  /**
   * The order in which this rollout moved its hosts, read back from the plans: by the instant each
   * plan was issued, a batch (one instant) in the order the planner moves hosts forward.
   */
  private static Map<String, Integer> moveOrder(UpgradeStatus upgrade, List<HostView> hosts) {
    List<HostView> moved = hosts.stream()
        .filter(h -> h.plan() != null && Objects.equals(upgrade.getId(), h.plan().getRollout()))
        .sorted(Comparator.comparing((HostView h) -> issued(h)).thenComparing(forwardOrder()))
        .toList();
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < moved.size(); i++) {
      order.put(moved.get(i).name(), i);
    }
    return order;
  }

  private static Instant issued(HostView host) {
    return host.plan().getIssuedAt() == null ? Instant.EPOCH : Instant.parse(host.plan().getIssuedAt());
  }

  private static Comparator<HostView> forwardOrder() {
    return Comparator.comparing((HostView h) -> h.role() == HostRole.CONTROL_PLANE ? 0 : 1)
        .thenComparing(HostView::name);
  }
}
