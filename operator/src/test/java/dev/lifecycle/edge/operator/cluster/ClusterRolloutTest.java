package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifecycle.edge.api.v1alpha1.ClusterNetwork;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.NodeTaint;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistryMirrors;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.operator.cluster.ClusterRollout.Version;
import dev.lifecycle.edge.operator.upgrade.HostHealth;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import dev.lifecycle.edge.operator.upgrade.RolloutStrategy;
import dev.lifecycle.edge.operator.upgrade.Upgrades;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterRolloutTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final List<ProfileLayer> V1_LAYERS = List.of(new ProfileLayer("edge-os", LayerType.OS, "1.4.0"),
      new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4"));
  private static final List<ProfileLayer> V2_LAYERS = List.of(new ProfileLayer("edge-os", LayerType.OS, "1.4.0"),
      new ProfileLayer("k3s", LayerType.KUBERNETES, "1.31.1"));
  private static final Version V1 = new Version("store-v1", "1.0.0", V1_LAYERS);
  private static final Version V2 = new Version("store-v2", "2.0.0", V2_LAYERS);

  /** A host of the cluster whose plan asks for {@code version}, moved by {@code rollout} at {@code issuedAt}. */
  private static HostView host(String name, HostRole role, Phase phase, Version version, String rollout,
      Instant issuedAt) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(rollout == null ? 1L : 2L);
    plan.setAction(rollout == null ? HostPlan.Action.Join : HostPlan.Action.Upgrade);
    plan.setCluster(CLUSTER);
    plan.setRole(role);
    plan.setProfile(version.profileName());
    plan.setProfileVersion(version.version());
    plan.setControlPlaneEndpoint("https://10.0.0.1:6443");
    plan.setLayers(version.layers());
    plan.setRollout(rollout);
    plan.setIssuedAt(issuedAt == null ? null : issuedAt.toString());
    return new HostView(name, Map.of(), phase, CLUSTER, role, plan, phase == Phase.Running ? version.version() : null);
  }

  private static HostView onV1(String name, HostRole role) {
    return host(name, role, Phase.Running, V1, null, null);
  }

  private static EdgeClusterStatus runningOn(String version, UpgradeStatus upgrade) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setProfileVersion(version);
    status.setUpgrade(upgrade);
    return status;
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase, String from, String to, String toProfile) {
    return Upgrades.upgrade(phase, from, to, "store-v1", toProfile, NOW);
  }


  private static EdgeClusterSpec strategy(IntOrString maxUnavailable, String hostTimeout, FailurePolicy onFailure) {
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(maxUnavailable);
    strategy.setHostTimeout(hostTimeout);
    strategy.setOnFailure(onFailure);
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setUpgradeStrategy(strategy);
    return spec;
  }

  private final List<HostView> cluster = List.of(onV1("w-b", HostRole.WORKER), onV1("cp-a", HostRole.CONTROL_PLANE),
      onV1("w-a", HostRole.WORKER));

  @Test
  @DisplayName("A formed cluster pointed at another version begins a rollout; one still forming does not")
  void beginsOnlyWhenFormedAndElsewhere() {
    assertThat(ClusterRollout.begins(runningOn("1.0.0", null), V2)).isTrue();
    assertThat(ClusterRollout.begins(runningOn("1.0.0", null), V1)).isFalse();
    assertThat(ClusterRollout.begins(runningOn(null, null), V2)).isFalse();
    assertThat(ClusterRollout.begins(null, V2)).isFalse();
  }

  @Test
  @DisplayName("A rollout toward the same target is not begun again, and a rolled-back one is not retried")
  void notBegunTwice() {
    assertThat(ClusterRollout.begins(runningOn("1.0.0",
        upgrade(UpgradeStatus.Phase.Progressing, "1.0.0", "2.0.0", "store-v2")), V2)).isFalse();
    assertThat(ClusterRollout.begins(runningOn("1.0.0",
        upgrade(UpgradeStatus.Phase.RolledBack, "1.0.0", "2.0.0", "store-v2")), V2)).isFalse();
  }

  @Test
  @DisplayName("Retargeting a rollout under way, or a new version after a rollback, begins a new rollout")
  void retargetAndRetry() {
    Version v3 = new Version("store-v3", "3.0.0", V2_LAYERS);
    assertThat(ClusterRollout.begins(runningOn("1.0.0",
        upgrade(UpgradeStatus.Phase.Progressing, "1.0.0", "2.0.0", "store-v2")), v3)).isTrue();
    assertThat(ClusterRollout.begins(runningOn("1.0.0",
        upgrade(UpgradeStatus.Phase.RolledBack, "1.0.0", "2.0.0", "store-v2")), v3)).isTrue();
    assertThat(ClusterRollout.begins(runningOn("2.0.0",
        upgrade(UpgradeStatus.Phase.Complete, "1.0.0", "2.0.0", "store-v2")), V1)).isTrue();
  }

  @Test
  @DisplayName("begin records from, to, both profiles, the layer impact and the host counts")
  void beginRecordsEverything() {
    UpgradeStatus upgrade = ClusterRollout.begin(runningOn("1.0.0", null), V2, cluster, NOW);

    assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Progressing);
    assertThat(upgrade.getFrom()).isEqualTo("1.0.0");
    assertThat(upgrade.getTo()).isEqualTo("2.0.0");
    assertThat(upgrade.getFromProfile()).isEqualTo("store-v1");
    assertThat(upgrade.getToProfile()).isEqualTo("store-v2");
    assertThat(upgrade.getStartedAt()).isEqualTo(NOW.toString());
    assertThat(upgrade.getId()).contains("1.0.0").contains("2.0.0");
    assertThat(upgrade.getLayers()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("k3s");
      assertThat(c.getHostAction()).isEqualTo(HostAction.RestartServices);
    });
    assertThat(upgrade.getHostAction()).isEqualTo(HostAction.RestartServices);
    assertThat(upgrade.getTotal()).isEqualTo(3);
    assertThat(upgrade.getUpdated()).isZero();
    assertThat(ClusterRollout.touchesNoHost(upgrade)).isFalse();
  }

  @Test
  @DisplayName("After a completed rollout that touched no host, the next one starts from that rollout's profile")
  void fromProfileAfterUntouchedRollout() {
    UpgradeStatus done = upgrade(UpgradeStatus.Phase.Complete, "1.0.0", "1.0.1", "store-v1b");

    UpgradeStatus next = ClusterRollout.begin(runningOn("1.0.1", done), V2, cluster, NOW);

    assertThat(next.getFrom()).isEqualTo("1.0.1");
    assertThat(next.getFromProfile()).isEqualTo("store-v1b");
  }

  @Test
  @DisplayName("A version whose layers are the same touches no host: the rollout is complete as it begins")
  void sameLayersTouchNoHost() {
    Version v1b = new Version("store-v1b", "1.0.1", V1_LAYERS);

    UpgradeStatus upgrade = ClusterRollout.begin(runningOn("1.0.0", null), v1b, cluster, NOW);

    assertThat(upgrade.getLayers()).isEmpty();
    assertThat(ClusterRollout.touchesNoHost(upgrade)).isTrue();
    assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
    assertThat(upgrade.getFinishedAt()).isEqualTo(NOW.toString());
    assertThat(upgrade.getUpdated()).isEqualTo(upgrade.getTotal());
  }

  @Test
  @DisplayName("The rollout's hosts: health from the phase, the agent's report, move order from plan issue time")
  void rolloutHosts() {
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Progressing, "1.0.0", "2.0.0", "store-v2");
    HostView failed = host("w-a", HostRole.WORKER, Phase.Failed, V2, upgrade.getId(), NOW.minusSeconds(10));
    List<HostView> hosts = List.of(
        host("cp-a", HostRole.CONTROL_PLANE, Phase.Running, V2, upgrade.getId(), NOW.minusSeconds(60)),
        host("w-b", HostRole.WORKER, Phase.Upgrading, V2, upgrade.getId(), NOW.minusSeconds(10)),
        new HostView(failed.name(), failed.labels(), failed.phase(), failed.cluster(), failed.role(), failed.plan(),
            null, "disk full"),
        onV1("w-c", HostRole.WORKER),
        host("w-d", HostRole.WORKER, Phase.Unreachable, V1, null, null),
        host("w-e", HostRole.WORKER, Phase.Upgrading, V2, "an-older-rollout", NOW.minusSeconds(10)));

    List<RolloutHost> rolloutHosts = ClusterRollout.rolloutHosts(upgrade, hosts);

    assertThat(rolloutHosts).extracting(RolloutHost::name, RolloutHost::health,
            h -> h.move().map(RolloutHost.Move::order).orElse(null))
        .containsExactly(tuple("cp-a", HostHealth.HEALTHY, 0), tuple("w-b", HostHealth.APPLYING, 2),
            tuple("w-a", HostHealth.FAILED, 1), tuple("w-c", HostHealth.HEALTHY, null),
            tuple("w-d", HostHealth.UNREACHABLE, null), tuple("w-e", HostHealth.APPLYING, null));
    assertThat(rolloutHosts.get(2).report()).isEqualTo("disk full");
    assertThat(rolloutHosts.get(2).move()).map(RolloutHost.Move::at).contains(NOW.minusSeconds(10));
  }

  @Test
  @DisplayName("The strategy goes to the rollout step as written: a count or percentage, a duration, a policy")
  void strategyAsWritten() {
    EdgeClusterSpec spec = strategy(new IntOrString("50%"), "5m", FailurePolicy.Rollback);
    spec.setPaused(true);

    assertThat(ClusterRollout.strategy(spec)).isEqualTo(new RolloutStrategy("50%", "5m", FailurePolicy.Rollback,
        true));
    assertThat(ClusterRollout.strategy(strategy(new IntOrString(3), null, null)))
        .isEqualTo(new RolloutStrategy("3", null, null, false));
    assertThat(ClusterRollout.strategy(new EdgeClusterSpec())).isEqualTo(new RolloutStrategy(null, null, null, false));
  }

  @Test
  @DisplayName("A host being reset, or not yet planned, is not part of the rollout")
  void onlyPlannedHosts() {
    HostView resetting = host("w-z", HostRole.WORKER, Phase.Provisioning, V1, null, null);
    resetting.plan().setAction(HostPlan.Action.Reset);
    HostView claimed = new HostView("w-y", Map.of(), Phase.Available, CLUSTER, HostRole.WORKER, null, null);

    assertThat(ClusterRollout.inRollout(List.of(cluster.get(0), resetting, claimed)))
        .extracting(HostView::name).containsExactly("w-b");
  }

  @Test
  @DisplayName("A move plan carries the target's layers, the rollout id and issue time, and keeps role and endpoint")
  void movePlan() {
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Progressing, "1.0.0", "2.0.0", "store-v2");

    HostPlan plan = ClusterRollout.movePlan(cluster.get(1), upgrade, V2, NOW);

    assertThat(plan.getAction()).isEqualTo(HostPlan.Action.Upgrade);
    assertThat(plan.getGeneration()).isEqualTo(2L);
    assertThat(plan.getRole()).isEqualTo(HostRole.CONTROL_PLANE);
    assertThat(plan.getCluster()).isEqualTo(CLUSTER);
    assertThat(plan.getControlPlaneEndpoint()).isEqualTo("https://10.0.0.1:6443");
    assertThat(plan.getProfile()).isEqualTo("store-v2");
    assertThat(plan.getProfileVersion()).isEqualTo("2.0.0");
    assertThat(plan.getLayers()).isEqualTo(V2_LAYERS);
    assertThat(plan.getRollout()).isEqualTo(upgrade.getId());
    assertThat(plan.getIssuedAt()).isEqualTo(NOW.toString());
    assertThat(plan.getPodCidr()).as("the CRD's default").isEqualTo("10.42.0.0/16");
    assertThat(plan.getServiceCidr()).isEqualTo("10.43.0.0/16");
  }

  @Test
  @DisplayName("A move plan carries the cluster's current ranges, the node labels and taints of the host's role and "
      + "the registry mirrors")
  void movePlanCarriesClusterSettings() {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    ClusterNetwork network = new ClusterNetwork();
    network.setServiceCidr("10.96.0.0/12");
    spec.setNetwork(network);
    ControlPlaneSpec controlPlane = new ControlPlaneSpec(1);
    controlPlane.setNodeLabels(Map.of("example.com/zone", "a"));
    controlPlane.setNodeTaints(List.of(new NodeTaint("dedicated", "cp", "NoExecute")));
    spec.setControlPlane(controlPlane);
    RegistryMirrors registries = new RegistryMirrors();
    registries.setMirrors(Map.of("*", new RegistryMirrors.Mirror(List.of("https://cache.store.local"))));
    spec.setRegistries(registries);

    HostPlan plan = ClusterRollout.movePlan(cluster.get(1), upgrade(UpgradeStatus.Phase.Progressing, "1.0.0",
        "2.0.0", "store-v2"), V2, NOW, PlanSettings.of(spec));

    assertThat(plan.getServiceCidr()).isEqualTo("10.96.0.0/12");
    assertThat(plan.getPodCidr()).isEqualTo("10.42.0.0/16");
    assertThat(plan.getNodeLabels()).containsExactly(Map.entry("example.com/zone", "a"));
    assertThat(plan.getNodeTaints()).extracting(NodeTaint::getKey, NodeTaint::getValue, NodeTaint::getEffect)
        .containsExactly(tuple("dedicated", "cp", "NoExecute"));
    assertThat(plan.getRegistries().getMirrors().get("*").getEndpoint()).containsExactly("https://cache.store.local");
  }

  @Test
  @DisplayName("A new rollout keeps the upgrade-now value the last one took, so that the value is not taken twice")
  void upgradeNowCarriedOver() {
    UpgradeStatus done = upgrade(UpgradeStatus.Phase.Complete, "1.0.0", "1.0.1", "store-v1b");
    done.setUpgradeNow(new UpgradeNowRecord("change-1", done.getId(), NOW.toString()));

    UpgradeStatus next = ClusterRollout.begin(runningOn("1.0.1", done), V2, cluster, NOW);

    assertThat(next.getUpgradeNow().getValue()).isEqualTo("change-1");
    assertThat(next.getUpgradeNow().getRollout()).isNotEqualTo(next.getId());
  }
}
