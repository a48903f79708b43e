package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.host.HostRules;
import dev.lifecycle.edge.operator.upgrade.HostHealth;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import dev.lifecycle.edge.operator.upgrade.RolloutStrategy;
import dev.lifecycle.edge.operator.upgrade.UpgradeImpact;
import dev.lifecycle.edge.operator.variables.VariableImpact;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster's side of its rolling upgrade, pure over plain values: when a rollout begins, how the
 * cluster's hosts and spec read in the terms of the {@link RolloutStep}, and the plan a moved host
 * gets. Nothing here touches the API.
 *
 * <p>A rollout is identified by {@code status.upgrade.id}; every plan it issues carries that id and
 * the instant it was issued, so which hosts it moved, in which order and since when is read back
 * from the hosts themselves after an operator restart.
 */
final class ClusterRollout {

  private ClusterRollout() {
  }

  /** A profile version hosts can be moved to: what a host plan needs of it. */
  record Version(String profileName, String version, List<ProfileLayer> layers) {
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
    if (RolloutStep.active(upgrade)) {
      return !recordedTowardTarget;
    }
    return !target.version().equals(status.getProfileVersion()) && !recordedTowardTarget;
  }

  /**
   * A new rollout from what the cluster runs to {@code target}. The impact compares the layers of a
   * host that must move (plans are copies of their profile) with the target's layers; a rollout that
   * touches no host (every change is applied inside the running cluster) is complete as it begins.
   */
  static UpgradeStatus begin(EdgeClusterStatus status, Version target, List<HostView> hosts, Instant now) {
    return begin(status, target, hosts, now, List.of());
  }

  /**
   * {@link #begin(EdgeClusterStatus, Version, List, Instant)} for a target whose plans read {@code targetSecrets}
   * from Secrets: a layer referring to one whose value's digest differs from the host's plan is changed.
   */
  static UpgradeStatus begin(EdgeClusterStatus status, Version target, List<HostView> hosts, Instant now,
      List<SecretVariable> targetSecrets) {
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
    List<LayerChange> changes = UpgradeImpact.compare(source.map(h -> VariableImpact.comparable(h.plan().getLayers(),
            h.plan().getSecretVariables())).orElse(VariableImpact.comparable(target.layers(), targetSecrets)),
        VariableImpact.comparable(target.layers(), targetSecrets));

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
    // Kept from rollout to rollout: an upgrade-now value is taken once.
    upgrade.setUpgradeNow(previous == null ? null : previous.getUpgradeNow());
    if (touchesNoHost(upgrade)) {
      upgrade.setPhase(UpgradeStatus.Phase.Complete);
      upgrade.setFinishedAt(now.toString());
      upgrade.setUpdated(upgrade.getTotal());
    }
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

  /** The hosts of the rollout in its own terms: health, and when and in which order this rollout moved them. */
  static List<RolloutHost> rolloutHosts(UpgradeStatus upgrade, List<HostView> hosts) {
    List<HostView> planned = inRollout(hosts);
    Map<String, Integer> order = moveOrder(upgrade, planned);
    return planned.stream()
        .map(h -> new RolloutHost(h.name(), h.role(), h.plan().getProfileVersion(), HostHealth.of(h.phase()),
            h.report(), Optional.ofNullable(order.get(h.name()))
                .map(position -> new RolloutHost.Move(position, movedAt(h)))))
        .toList();
  }

  /** The spec's upgrade strategy in plain values, as written (the rollout step judges them). */
  static RolloutStrategy strategy(EdgeClusterSpec spec) {
    UpgradeStrategy strategy = spec == null ? null : spec.getUpgradeStrategy();
    boolean paused = spec != null && spec.isPaused();
    if (strategy == null) {
      return new RolloutStrategy(null, null, null, paused);
    }
    IntOrString maxUnavailable = strategy.getMaxUnavailable();
    String count = maxUnavailable == null ? null
        : maxUnavailable.getIntVal() != null ? String.valueOf(maxUnavailable.getIntVal()) : maxUnavailable.getStrVal();
    return new RolloutStrategy(count, strategy.getHostTimeout(), strategy.getOnFailure(), paused,
        strategy.getMaintenanceWindows() == null ? List.of() : strategy.getMaintenanceWindows());
  }

  /** Whether the host carries a plan of this rollout toward {@code version}. */
  static boolean movedTo(UpgradeStatus upgrade, HostView host, String version) {
    return host.plan() != null && Objects.equals(upgrade.getId(), host.plan().getRollout())
        && version.equals(host.plan().getProfileVersion());
  }

  /** {@link #movePlan(HostView, UpgradeStatus, Version, Instant, PlanSettings)} with the spec's defaults. */
  static HostPlan movePlan(HostView host, UpgradeStatus upgrade, Version destination, Instant now) {
    return movePlan(host, upgrade, destination, now, PlanSettings.DEFAULTS);
  }

  /**
   * The plan that moves a host to {@code destination}, keeping its cluster, role, control-plane endpoint and
   * site settings, with the cluster's current ranges, node labels and taints, and registry mirrors.
   */
  static HostPlan movePlan(HostView host, UpgradeStatus upgrade, Version destination, Instant now,
      PlanSettings settings) {
    HostPlan current = host.plan();
    HostPlan plan = new HostPlan();
    plan.setGeneration(HostRules.nextPlanGeneration(current));
    plan.setAction(HostPlan.Action.Upgrade);
    plan.setCluster(current.getCluster());
    plan.setRole(host.role() != null ? host.role() : current.getRole());
    plan.setProfile(destination.profileName());
    plan.setProfileVersion(destination.version());
    plan.setControlPlaneEndpoint(current.getControlPlaneEndpoint());
    plan.setLayers(new ArrayList<>(destination.layers()));
    plan.setIssuedAt(now.toString());
    plan.setRollout(upgrade.getId());
    settings.applyTo(plan, plan.getRole());
    plan.setSite(current.getSite());
    return plan;
  }

  private static boolean healthyOn(HostView host, String version) {
    return host.isRunning() && version.equals(host.plan().getProfileVersion());
  }

  private static Instant movedAt(HostView host) {
    return host.plan().getIssuedAt() == null ? null : Instant.parse(host.plan().getIssuedAt());
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
