package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the demo judges a rollout from the EdgeCluster's status alone. */
class UpgradeStageTest {

  private static final String TARGET = "1.1.0";

  @Test
  @DisplayName("When status.upgrade is missing or about another version, then the stage waits for the rollout")
  void notStarted() {
    assertThat(UpgradeStage.judge(null, TARGET).state()).isEqualTo(StageStatus.State.WAITING);
    EdgeCluster cluster = cluster("1.0.0", "Ready", Condition.TRUE, host("a", "1.0.0"));
    assertThat(UpgradeStage.judge(cluster, TARGET).line()).contains("waiting for the rollout to 1.1.0 to start");
    cluster.getStatus().setUpgrade(upgrade(UpgradeStatus.Phase.Complete, "0.9.0", "1.0.0", 1, 1));
    assertThat(UpgradeStage.judge(cluster, TARGET).state()).isEqualTo(StageStatus.State.WAITING);
  }

  @Test
  @DisplayName("When the rollout progresses, then the stage counts updated over total hosts and names those in flight")
  void progressing() {
    EdgeCluster cluster = cluster("1.0.0", "Ready", Condition.TRUE, host("a", TARGET), host("b", "1.0.0"));
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Progressing, "1.0.0", TARGET, 1, 2);
    upgrade.setInFlight(List.of("b"));
    LayerChange k3s = new LayerChange();
    k3s.setName("k3s");
    k3s.setType(LayerType.KUBERNETES);
    k3s.setChange(LayerChange.Change.Changed);
    k3s.setFromVersion("1.30.4");
    k3s.setToVersion("1.31.1");
    k3s.setHostAction(LayerChange.HostAction.RestartServices);
    upgrade.setLayers(List.of(k3s));
    upgrade.setHostAction(LayerChange.HostAction.RestartServices);
    cluster.getStatus().setUpgrade(upgrade);

    StageStatus status = UpgradeStage.judge(cluster, TARGET);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.done()).isEqualTo(1);
    assertThat(status.total()).isEqualTo(2);
    assertThat(status.line()).contains("in flight: b");
    assertThat(status.notes()).containsExactly("layer k3s (kubernetes) 1.30.4 -> 1.31.1: RestartServices",
        "each host: RestartServices (no reboot)");
  }

  @Test
  @DisplayName("When the rollout is Complete, every host reports the target, profileVersion is the target and "
      + "Ready is True, then the stage is done")
  void done() {
    EdgeCluster cluster = cluster(TARGET, "Ready", Condition.TRUE, host("a", TARGET), host("b", TARGET));
    cluster.getStatus().setUpgrade(upgrade(UpgradeStatus.Phase.Complete, "1.0.0", TARGET, 2, 2));

    StageStatus status = UpgradeStage.judge(cluster, TARGET);

    assertThat(status.state()).isEqualTo(StageStatus.State.DONE);
    assertThat(status.line()).isEqualTo("profile version 1.0.0 -> 1.1.0: 2/2 hosts on 1.1.0, status.profileVersion "
        + "1.1.0, Ready=True");
  }

  @Test
  @DisplayName("When the rollout says Complete but a host, profileVersion or Ready lags, then the stage waits "
      + "and says for what")
  void completeButLagging() {
    EdgeCluster hostBehind = cluster(TARGET, "Ready", Condition.TRUE, host("a", TARGET), host("b", "1.0.0"));
    hostBehind.getStatus().setUpgrade(upgrade(UpgradeStatus.Phase.Complete, "1.0.0", TARGET, 2, 2));
    StageStatus behind = UpgradeStage.judge(hostBehind, TARGET);
    assertThat(behind.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(behind.line()).isEqualTo("Complete; waiting for b to report 1.1.0");
    assertThat(behind.done()).isEqualTo(1);

    EdgeCluster versionBehind = cluster("1.0.0", "Ready", Condition.TRUE, host("a", TARGET));
    versionBehind.getStatus().setUpgrade(upgrade(UpgradeStatus.Phase.Complete, "1.0.0", TARGET, 1, 1));
    assertThat(UpgradeStage.judge(versionBehind, TARGET).line())
        .isEqualTo("Complete; waiting for status.profileVersion 1.1.0");

    EdgeCluster notReady = cluster(TARGET, "HostsNotReady", Condition.FALSE, host("a", TARGET));
    notReady.getStatus().setUpgrade(upgrade(UpgradeStatus.Phase.Complete, "1.0.0", TARGET, 1, 1));
    StageStatus waitingForReady = UpgradeStage.judge(notReady, TARGET);
    assertThat(waitingForReady.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(waitingForReady.line()).startsWith("Complete; waiting for Ready=True (now Ready=False (HostsNotReady)");
  }

  @Test
  @DisplayName("When the rollout Stalled, then the stage fails naming the host and what it reported")
  void stalled() {
    EdgeCluster cluster = cluster("1.0.0", "Ready", Condition.FALSE, host("a", TARGET), host("b", "1.0.0"));
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Stalled, "1.0.0", TARGET, 1, 2);
    upgrade.setFailedHost("b");
    upgrade.setFailure("b reported failure on 1.1.0: disk full");
    cluster.getStatus().setUpgrade(upgrade);

    StageStatus status = UpgradeStage.judge(cluster, TARGET);

    assertThat(status.state()).isEqualTo(StageStatus.State.FAILED);
    assertThat(status.line()).isEqualTo("the rollout Stalled at host b: b reported failure on 1.1.0: disk full");
  }

  @Test
  @DisplayName("When the rollout rolls back, then the stage waits; once RolledBack, then it fails with the version "
      + "the cluster returned to")
  void rollback() {
    EdgeCluster cluster = cluster("1.0.0", "Ready", Condition.FALSE, host("a", "1.0.0"), host("b", "1.0.0"));
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.RollingBack, "1.0.0", TARGET, 1, 2);
    upgrade.setFailedHost("b");
    upgrade.setFailure("b timed out");
    cluster.getStatus().setUpgrade(upgrade);
    assertThat(UpgradeStage.judge(cluster, TARGET).state()).isEqualTo(StageStatus.State.WAITING);

    upgrade.setPhase(UpgradeStatus.Phase.RolledBack);
    StageStatus status = UpgradeStage.judge(cluster, TARGET);
    assertThat(status.state()).isEqualTo(StageStatus.State.FAILED);
    assertThat(status.line()).isEqualTo("the rollout rolled back to 1.0.0 after host b failed: b timed out");
  }

  private static EdgeCluster cluster(String profileVersion, String readyReason, String ready, ClusterHost... hosts) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Running);
    status.setProfileVersion(profileVersion);
    status.setHosts(List.of(hosts));
    status.setConditions(List.of(new Condition(ConditionTypes.READY, ready, readyReason, null)));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setStatus(status);
    return cluster;
  }

  private static ClusterHost host(String name, String version) {
    return new ClusterHost(name, HostRole.WORKER, version, EdgeHostStatus.Phase.Running);
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase, String from, String to, int updated, int total) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setPhase(phase);
    upgrade.setFrom(from);
    upgrade.setTo(to);
    upgrade.setUpdated(updated);
    upgrade.setTotal(total);
    return upgrade;
  }
}
