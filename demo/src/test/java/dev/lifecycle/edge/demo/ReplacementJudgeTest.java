package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the demo judges a host replacement from the EdgeCluster's status and the EdgeHosts' phases alone. */
class ReplacementJudgeTest {

  private static final ReplacementJudge JUDGE = new ReplacementJudge("c", "w1", Duration.ofSeconds(6),
      Duration.ofSeconds(3));
  private static final String STARTED = "2026-12-06T10:00:09Z";
  private static final String UNREACHABLE = "w1 Unreachable: no heartbeat for 6 s since its agent was killed";
  private static final String CLAIMED = "spare s claimed to replace w1 (unhealthy for unhealthyTimeout 3s)";
  private static final String JOINING = "s joining the cluster as a worker on 1.1.0";
  private static final String RELEASED = "w1 released with a Reset plan, which it applies if it comes back";
  private static final String REVIVED = "w1's agent revived, as after a reboot: it registers again and applies its "
      + "Reset plan";

  @Test
  @DisplayName("When the killed host still counts as Running, then the stage waits for it to be Unreachable and "
      + "says after how long")
  void notUnreachableYet() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", "Ready", Condition.TRUE,
        worker("w1", Phase.Running), worker("w2", Phase.Running));

    StageStatus status = JUDGE.judge(cluster, Map.of(), false);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).isEqualTo("waiting for w1 to be Unreachable (no heartbeat for 6 s)");
    assertThat(status.done()).isZero();
    assertThat(status.total()).isEqualTo(5);
    assertThat(status.notes()).isEmpty();
    assertThat(JUDGE.judge(null, Map.of(), false).line()).isEqualTo("EdgeCluster c: waiting for the operator");
  }

  @Test
  @DisplayName("When the killed host is Unreachable and no spare is claimed yet, then the stage notes it and waits "
      + "for unhealthyTimeout, with the cluster's Ready condition")
  void unreachable() {
    ClusterHost dead = worker("w1", Phase.Unreachable);
    dead.setUnhealthySince("2026-12-06T10:00:06Z");
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "1/2", "Degraded", Condition.FALSE, dead,
        worker("w2", Phase.Running));

    StageStatus status = JUDGE.judge(cluster, Map.of(), false);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).isEqualTo("w1 Unreachable since 2026-12-06T10:00:06Z: a spare is claimed once it has "
        + "been unhealthy for 3s (Ready=False (Degraded))");
    assertThat(status.done()).isEqualTo(1);
    assertThat(status.notes()).containsExactly(UNREACHABLE);
  }

  @Test
  @DisplayName("When a spare is claimed in the dead host's place and joins, then the stage notes the claim and the "
      + "join, and names the spare")
  void spareJoining() {
    ClusterHost spare = worker("s", Phase.Provisioning);
    spare.setReplaces("w1");
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "1/2", "ReplacingHost", Condition.FALSE,
        worker("w1", Phase.Unreachable), worker("w2", Phase.Running), spare);
    cluster.getStatus().setReplacements(List.of(replacement(null)));

    StageStatus status = JUDGE.judge(cluster, Map.of(), false);

    assertThat(status.line()).startsWith("s joining in place of w1 (Provisioning) (Ready=False (ReplacingHost)");
    assertThat(status.done()).isEqualTo(2);
    assertThat(status.notes()).containsExactly(UNREACHABLE, CLAIMED, JOINING);
  }

  @Test
  @DisplayName("When the stage first looks after the spare already runs, then every step passed is noted, in order")
  void stepsSeenLateAreNotedInOrder() {
    ClusterHost spare = worker("s", Phase.Running);
    spare.setReplaces("w1");
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", "ReplacingHost", Condition.FALSE,
        worker("w1", Phase.Unreachable), worker("w2", Phase.Running), spare);

    StageStatus status = JUDGE.judge(cluster, Map.of(), false);

    assertThat(status.line()).startsWith("s Running: waiting for w1 to be released");
    assertThat(status.done()).isEqualTo(3);
    assertThat(status.notes()).containsExactly(UNREACHABLE, CLAIMED, JOINING);
  }

  @Test
  @DisplayName("When the dead host is released, the spare runs, the replacement is recorded finished and the "
      + "cluster is Ready, then it is replaced and the stage waits for the dead host's agent to be revived")
  void replacedBeforeRevival() {
    EdgeCluster cluster = replaced();

    assertThat(JUDGE.replaced(cluster)).isTrue();
    StageStatus status = JUDGE.judge(cluster, Map.of("w1", Phase.Unreachable), false);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).isEqualTo("w1 replaced by s: reviving w1's agent");
    assertThat(status.done()).isEqualTo(4);
    assertThat(status.notes()).containsExactly(UNREACHABLE, CLAIMED, JOINING, RELEASED);
  }

  @Test
  @DisplayName("When the replacement is not recorded finished, the dead host is still in the cluster, or the "
      + "cluster is not Ready, then it does not count as replaced")
  void notReplacedYet() {
    EdgeCluster unfinished = replaced();
    unfinished.getStatus().setReplacements(List.of(replacement(null)));
    EdgeCluster deadStillIn = replaced();
    List<ClusterHost> hosts = new ArrayList<>(deadStillIn.getStatus().getHosts());
    hosts.add(worker("w1", Phase.Unreachable));
    deadStillIn.getStatus().setHosts(hosts);
    EdgeCluster notReady = replaced();
    notReady.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "Degraded",
        null)));

    assertThat(JUDGE.replaced(unfinished)).isFalse();
    assertThat(JUDGE.replaced(deadStillIn)).isFalse();
    assertThat(JUDGE.replaced(notReady)).isFalse();
    assertThat(JUDGE.judge(notReady, Map.of(), false).line()).startsWith("w1 released: waiting for EdgeCluster c "
        + "Running and Ready with s (Ready=False (Degraded))");
  }

  @Test
  @DisplayName("When the revived host is still applying its Reset, then the stage waits naming its phase, even if "
      + "the cluster is not Ready meanwhile")
  void revivedResetting() {
    EdgeCluster cluster = replaced();
    cluster.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "ScalingDown",
        null)));

    StageStatus status = JUDGE.judge(cluster, Map.of("w1", Phase.Provisioning), true);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).startsWith("w1 Provisioning: waiting for its agent to apply the Reset plan");
    assertThat(status.notes()).containsExactly(UNREACHABLE, CLAIMED, JOINING, RELEASED, REVIVED);
  }

  @Test
  @DisplayName("When the revived host is Available and the cluster runs Ready with the spare, then the stage is "
      + "done and names both hosts")
  void done() {
    StageStatus status = JUDGE.judge(replaced(), Map.of("w1", Phase.Available, "s", Phase.Running), true);

    assertThat(status.state()).isEqualTo(StageStatus.State.DONE);
    assertThat(status.line()).isEqualTo("w1 replaced by s (status.replacements: Unhealthy, finished), w1 reset and "
        + "Available again; EdgeCluster c Running with control plane 1/1, workers 2/2, Ready=True");
  }

  @Test
  @DisplayName("When the revived host is Available but the cluster is not Ready again yet, then the stage waits")
  void availableButClusterNotReady() {
    EdgeCluster cluster = replaced();
    cluster.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "ScalingDown",
        null)));

    StageStatus status = JUDGE.judge(cluster, Map.of("w1", Phase.Available), true);

    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(status.line()).startsWith("w1 Available: waiting for EdgeCluster c Running and Ready with s");
  }

  @Test
  @DisplayName("When the cluster Failed, then the stage fails with the Ready condition's message")
  void failed() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Failed, "1/2", "HostFailed", Condition.FALSE,
        worker("w1", Phase.Unreachable), worker("w2", Phase.Failed));
    cluster.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "HostFailed",
        "w2 failed its plan")));

    StageStatus status = JUDGE.judge(cluster, Map.of(), false);

    assertThat(status.state()).isEqualTo(StageStatus.State.FAILED);
    assertThat(status.line()).isEqualTo("EdgeCluster c Failed: w2 failed its plan");
  }

  /** The cluster once w1 is replaced by s: Running, Ready, the replacement finished. */
  private static EdgeCluster replaced() {
    EdgeCluster cluster = cluster(EdgeClusterStatus.Phase.Running, "2/2", "Ready", Condition.TRUE,
        worker("w2", Phase.Running), worker("s", Phase.Running));
    cluster.getStatus().setReplacements(List.of(replacement("2026-12-06T10:00:11Z")));
    return cluster;
  }

  private static HostReplacement replacement(String finishedAt) {
    return new HostReplacement("w1", "s", HostRole.WORKER, HostReplacement.Reason.Unhealthy, STARTED, finishedAt);
  }

  private static EdgeCluster cluster(EdgeClusterStatus.Phase phase, String workersReady, String readyReason,
      String ready, ClusterHost... workers) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(phase);
    status.setProfileVersion("1.1.0");
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

  private static ClusterHost worker(String name, Phase state) {
    return new ClusterHost(name, HostRole.WORKER, "1.1.0", state);
  }
}
