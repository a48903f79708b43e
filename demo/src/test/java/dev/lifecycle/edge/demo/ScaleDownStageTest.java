package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the demo judges a scale-down from the EdgeCluster's status and the EdgeHosts' phases alone. */
class ScaleDownStageTest {

  private static final Set<String> BEFORE = Set.of("w1", "w2", "w3");
  private static final String SCALING_DOWN = "ScalingDown";

  @Test
  @DisplayName("When the operator has not released a worker yet, then the stage waits and says so")
  void notReleasedYet() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "3/2", SCALING_DOWN, Condition.FALSE,
        worker("w1"), worker("w2"), worker("w3"));

    StageStatus status = ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of());

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).startsWith("waiting for the operator to release a worker (Ready=False (ScalingDown)");
    assertThat(status.done()).isZero();
    assertThat(status.total()).isEqualTo(1);
    assertThat(ScaleDownStage.judge("c", null, BEFORE, 2, Map.of()).line()).isEqualTo("EdgeCluster c: waiting for "
        + "the operator");
  }

  @Test
  @DisplayName("When the released worker is still applying its reset, then the stage waits naming it and its phase")
  void resetUnderWay() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", SCALING_DOWN, Condition.FALSE,
        worker("w1"), worker("w2"));

    StageStatus status = ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of("w3", Phase.Provisioning));

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).startsWith("w3 Provisioning: waiting for the reset to be applied");
    assertThat(status.notes()).containsExactly("released w3 (newest worker): Reset plan");
  }

  @Test
  @DisplayName("When the released worker is Available but Ready is not True yet, then the stage waits for Ready")
  void availableButNotReady() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", SCALING_DOWN, Condition.FALSE,
        worker("w1"), worker("w2"));

    StageStatus status = ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of("w3", Phase.Available));

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).startsWith("Running, workers 2/2: waiting for Ready=True");
    assertThat(status.done()).isEqualTo(1);
  }

  @Test
  @DisplayName("When the released worker is Available and the cluster runs one worker fewer and is Ready, then the "
      + "stage is done and names the host")
  void done() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", "Ready", Condition.TRUE,
        worker("w1"), worker("w2"));

    StageStatus status = ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of("w3", Phase.Available));

    assertThat(status.state()).isEqualTo(StageStatus.State.DONE);
    assertThat(status.line()).isEqualTo("w3 released, reset and Available; EdgeCluster c Running with control plane "
        + "1/1, workers 2/2, Ready=True");
  }

  @Test
  @DisplayName("When the cluster still counts the old number of workers, then the stage is not done even if Ready")
  void workersNotSettled() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "3/3", "Ready", Condition.TRUE,
        worker("w1"), worker("w2"), worker("w3"));

    assertThat(ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of()).state()).isEqualTo(StageStatus.State.WAITING);
  }

  @Test
  @DisplayName("When the cluster Failed, then the stage fails with the Ready condition's message")
  void failed() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Failed, "1/2", "HostFailed", Condition.FALSE,
        worker("w1"), worker("w2"));
    cluster.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "HostFailed",
        "w2 failed its plan")));

    StageStatus status = ScaleDownStage.judge("c", cluster, BEFORE, 2, Map.of("w3", Phase.Provisioning));

    assertThat(status.state()).isEqualTo(StageStatus.State.FAILED);
    assertThat(status.line()).isEqualTo("EdgeCluster c Failed: w2 failed its plan");
  }

  private static EdgeCluster cluster(EdgeClusterStatus.Phase phase, String workersReady, String readyReason,
      String ready, ClusterHost... workers) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(phase);
    status.setControlPlaneReady("1/1");
    status.setWorkersReady(workersReady);
    List<ClusterHost> hosts = new ArrayList<>(List.of(new ClusterHost("cp", HostRole.CONTROL_PLANE,
        "1.1.0", Phase.Running)));
    hosts.addAll(List.of(workers));
    status.setHosts(hosts);
    status.setConditions(List.of(new Condition(ConditionTypes.READY, ready, readyReason, null)));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setStatus(status);
    return cluster;
  }

  private static ClusterHost worker(String name) {
    return new ClusterHost(name, HostRole.WORKER, "1.1.0", Phase.Running);
  }
}
