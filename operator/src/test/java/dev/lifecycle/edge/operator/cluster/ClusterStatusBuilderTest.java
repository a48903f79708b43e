package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static dev.lifecycle.edge.operator.cluster.Hosts.owned;
import static dev.lifecycle.edge.operator.cluster.Hosts.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan.Action;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.cluster.ClaimPlanner.Claims;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterStatusBuilderTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private static Claims claims(List<HostView> hosts) {
    return ClaimPlanner.plan(CLUSTER, 1, null, 2, null, hosts);
  }

  private static EdgeClusterStatus build(List<HostView> owned, Optional<ClusterVerdict> blocker,
      EdgeClusterStatus previous) {
    return ClusterStatusBuilder.build(new ClusterStatusBuilder.Observation(3L, 1, 2, "1.0.0", blocker,
        claims(owned), owned), previous, NOW);
  }

  private static Condition condition(EdgeClusterStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  @DisplayName("When every wanted host runs, then the cluster is Running on the profile version, Ready True")
  void running() {
    List<HostView> owned = List.of(planned("w-b", HostRole.WORKER, Phase.Running, Action.Join, 1),
        planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        planned("w-a", HostRole.WORKER, Phase.Running, Action.Join, 1));

    EdgeClusterStatus status = build(owned, Optional.empty(), null);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
    assertThat(status.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(status.getControlPlaneReady()).isEqualTo("1/1");
    assertThat(status.getWorkersReady()).isEqualTo("2/2");
    assertThat(status.getHosts()).extracting(ClusterHost::getName).containsExactly("cp-a", "w-a", "w-b");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When the cluster forms, then profileVersion stays unset until every host runs")
  void provisioning() {
    List<HostView> owned = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("w-a", HostRole.WORKER, Phase.Provisioning), owned("w-b", HostRole.WORKER, Phase.Provisioning));

    EdgeClusterStatus status = build(owned, Optional.empty(), null);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Provisioning);
    assertThat(status.getProfileVersion()).isNull();
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo("Forming");
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
  }

  @Test
  @DisplayName("When no host can be claimed, then the cluster is Pending with InsufficientHosts and the counts")
  void insufficientHosts() {
    EdgeClusterStatus status = build(List.of(), Optional.empty(), null);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Pending);
    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(ready.getReason()).isEqualTo("InsufficientHosts");
    assertThat(ready.getMessage()).contains("needs 1 control-plane and 2 worker host(s)");
  }

  @Test
  @DisplayName("When the profile is missing, then the cluster is Pending and Stalled with the blocker's reason")
  void blocked() {
    ClusterVerdict blocker = ClusterVerdict.stalled(EdgeClusterStatus.Phase.Pending, "ProfileNotFound",
        "ClusterProfile x does not exist");

    EdgeClusterStatus status = build(List.of(), Optional.of(blocker), null);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Pending);
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo("ProfileNotFound");
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.True);
  }

  @Test
  @DisplayName("When a host fails during formation, then the cluster is Failed and Stalled naming the host")
  void failedFormation() {
    List<HostView> owned = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Failed, Action.Init, 1));

    EdgeClusterStatus status = build(owned, Optional.empty(), null);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Failed);
    assertThat(condition(status, ConditionTypes.STALLED).getMessage()).contains("cp-a");
  }

  @Test
  @DisplayName("When a formed cluster loses a host, then it is Degraded and keeps its profile version")
  void degraded() {
    List<HostView> running = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        planned("w-a", HostRole.WORKER, Phase.Running, Action.Join, 1),
        planned("w-b", HostRole.WORKER, Phase.Running, Action.Join, 1));
    EdgeClusterStatus formed = build(running, Optional.empty(), null);
    List<HostView> oneDown = List.of(running.get(0), running.get(1),
        planned("w-b", HostRole.WORKER, Phase.Unreachable, Action.Join, 1));

    EdgeClusterStatus status = build(oneDown, Optional.empty(), formed);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Degraded);
    assertThat(status.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(status.getWorkersReady()).isEqualTo("1/2");
    assertThat(condition(status, ConditionTypes.READY).getMessage()).contains("w-b (Unreachable)");
    assertThat(condition(status, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2026-11-24T08:00:00Z");
  }

  private static EdgeClusterStatus buildWithRollout(List<HostView> owned, UpgradeStatus upgrade, String version,
      Optional<ClusterVerdict> verdict, EdgeClusterStatus previous) {
    return ClusterStatusBuilder.build(new ClusterStatusBuilder.Observation(4L, 1, 2, "1.1.0", Optional.empty(),
        claims(owned), owned, new ClusterStatusBuilder.RolloutReport(upgrade, version, verdict)), previous, NOW);
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase, int updated) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setPhase(phase);
    upgrade.setFrom("1.0.0");
    upgrade.setTo("1.1.0");
    upgrade.setUpdated(updated);
    upgrade.setTotal(3);
    upgrade.setFailure("host w-a failed on 1.1.0");
    return upgrade;
  }

  private final List<HostView> running = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init,
      1), planned("w-a", HostRole.WORKER, Phase.Running, Action.Join, 1),
      planned("w-b", HostRole.WORKER, Phase.Running, Action.Join, 1));

  @Test
  @DisplayName("While a rollout runs, status.upgrade and its conditions win over the hosts' own verdict")
  void upgrading() {
    EdgeClusterStatus formed = build(running, Optional.empty(), null);
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Progressing, 1);

    EdgeClusterStatus status = buildWithRollout(running, upgrade, "1.0.0",
        RolloutVerdict.of(upgrade, null, null), formed);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Upgrading);
    assertThat(status.getUpgrade()).isSameAs(upgrade);
    assertThat(status.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.READY).getMessage()).startsWith("upgrading 1/3 to 1.1.0");
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.RECONCILING).getReason()).isEqualTo("Upgrading");
  }

  @Test
  @DisplayName("When a count change waits for a rollout, then the reason says so and the message adds the rollout's; a "
      + "stalled rollout keeps its own reason")
  void scalingWaitsForRollout() {
    EdgeClusterStatus formed = build(running, Optional.empty(), null);
    ScalePlanner.Scale waits = new ScalePlanner.Scale(List.of(), List.of(), List.of(), false, Optional.empty(),
        Optional.of("scaling to 1 control-plane and 1 worker host(s) (the cluster has 1 and 2) waits for the rollout "
            + "to finish"));

    UpgradeStatus progressing = upgrade(UpgradeStatus.Phase.Progressing, 1);
    EdgeClusterStatus status = ClusterStatusBuilder.build(new ClusterStatusBuilder.Observation(4L, 1, 1, "1.1.0",
        Optional.empty(), claims(running), running, new ClusterStatusBuilder.RolloutReport(progressing, "1.0.0",
            RolloutVerdict.of(progressing, null, null)), Optional.empty(), waits), formed, NOW);
    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Upgrading);
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo(ScalePlanner.WAITS_FOR_ROLLOUT);
    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .startsWith("scaling to 1 control-plane and 1 worker host(s)").contains("upgrading 1/3 to 1.1.0");
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);

    UpgradeStatus stalled = upgrade(UpgradeStatus.Phase.Stalled, 1);
    EdgeClusterStatus stopped = ClusterStatusBuilder.build(new ClusterStatusBuilder.Observation(4L, 1, 1, "1.1.0",
        Optional.empty(), claims(running), running, new ClusterStatusBuilder.RolloutReport(stalled, "1.0.0",
            RolloutVerdict.of(stalled, "HostFailed", null)), Optional.empty(), waits), formed, NOW);
    assertThat(condition(stopped, ConditionTypes.STALLED).getReason()).isEqualTo("HostFailed");
    assertThat(condition(stopped, ConditionTypes.STALLED).getMessage()).endsWith("waits for the rollout to finish");
  }

  @Test
  @DisplayName("After a rollback the cluster keeps the phase its hosts give it and is Stalled with reason RolledBack")
  void rolledBack() {
    EdgeClusterStatus formed = build(running, Optional.empty(), null);
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.RolledBack, 0);

    EdgeClusterStatus status = buildWithRollout(running, upgrade, "1.0.0",
        RolloutVerdict.of(upgrade, null, null), formed);

    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
    assertThat(status.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.STALLED).getReason()).isEqualTo("RolledBack");
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("A completed rollout sets the version the cluster runs and leaves Ready to the hosts")
  void completed() {
    EdgeClusterStatus formed = build(running, Optional.empty(), null);
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Complete, 3);

    EdgeClusterStatus status = buildWithRollout(running, upgrade, "1.1.0", Optional.empty(), formed);

    assertThat(status.getProfileVersion()).isEqualTo("1.1.0");
    assertThat(status.getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(status.getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
  }
}
