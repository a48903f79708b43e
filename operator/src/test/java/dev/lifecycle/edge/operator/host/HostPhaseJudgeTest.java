package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostPhaseJudgeTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final Duration STALENESS = Duration.ofSeconds(90);

  private static EdgeHostStatus seen(Instant at) {
    EdgeHostStatus status = new EdgeHostStatus();
    status.setLastSeen(at.toString());
    return status;
  }

  private static EdgeHostStatus claimed(HostPlan.Action action, long generation) {
    EdgeHostStatus status = seen(NOW.minusSeconds(10));
    status.setCluster(new ClusterAssignment("store-0042", HostRole.WORKER));
    HostPlan plan = new HostPlan();
    plan.setAction(action);
    plan.setGeneration(generation);
    status.setPlan(plan);
    return status;
  }

  @Test
  @DisplayName("When a host was never seen, then it is Pending")
  void neverSeen() {
    assertThat(HostPhaseJudge.phase(null, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Pending);
    assertThat(HostPhaseJudge.phase(new EdgeHostStatus(), NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Pending);
  }

  @Test
  @DisplayName("When a registered host is in no cluster, then it is Available")
  void available() {
    assertThat(HostPhaseJudge.phase(seen(NOW.minusSeconds(30)), NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Available);
  }

  @Test
  @DisplayName("When no heartbeat the gateway may have received (lastSeen plus 2/3 of the staleness, the most it leaves "
      + "unwritten, plus the second lastSeen is recorded to) is within the staleness limit, then it is Unreachable")
  void unreachable() {
    assertThat(HostPhaseJudge.phase(seen(NOW.minusSeconds(152)), NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Unreachable);
    assertThat(HostPhaseJudge.phase(seen(NOW.minusSeconds(151)), NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Available);
    assertThat(HostPhaseJudge.unreachableAt(seen(NOW), STALENESS, Instant.MIN)).contains(NOW.plusSeconds(151));
  }

  @Test
  @DisplayName("When the operator started less than the staleness limit ago, then no host is Unreachable yet: "
      + "heartbeats sent while it was down were never heard")
  void graceAfterStart() {
    Instant started = NOW.minusSeconds(60);
    assertThat(HostPhaseJudge.phase(seen(NOW.minusSeconds(600)), NOW, STALENESS, started)).isEqualTo(Phase.Available);
    assertThat(HostPhaseJudge.unreachableAt(seen(NOW.minusSeconds(600)), STALENESS, started))
        .contains(started.plus(STALENESS));
    assertThat(HostPhaseJudge.phase(seen(NOW.minusSeconds(600)), NOW.plusSeconds(31), STALENESS, started))
        .isEqualTo(Phase.Unreachable);
    assertThat(HostPhaseJudge.unreachableAt(seen(NOW), STALENESS, started)).contains(NOW.plusSeconds(151));
  }

  @Test
  @DisplayName("When a claimed host has not applied its first plan, then it is Provisioning")
  void provisioning() {
    EdgeHostStatus noPlanYet = claimed(HostPlan.Action.Join, 1);
    noPlanYet.setPlan(null);
    assertThat(HostPhaseJudge.phase(noPlanYet, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Provisioning);
    assertThat(HostPhaseJudge.phase(claimed(HostPlan.Action.Join, 1), NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Provisioning);
  }

  @Test
  @DisplayName("When the agent reports its current plan applied, then the host is Running")
  void running() {
    EdgeHostStatus status = claimed(HostPlan.Action.Init, 1);
    status.setReport(new AgentReport(1L, AgentReport.State.Applied, null, NOW.toString()));
    assertThat(HostPhaseJudge.phase(status, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Running);
  }

  @Test
  @DisplayName("When the plan changed to an upgrade and the report is about the older plan, then it is Upgrading")
  void upgrading() {
    EdgeHostStatus status = claimed(HostPlan.Action.Upgrade, 2);
    status.setReport(new AgentReport(1L, AgentReport.State.Applied, null, NOW.toString()));
    assertThat(HostPhaseJudge.phase(status, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Upgrading);
  }

  @Test
  @DisplayName("When the agent reports failure on the current plan, then the host is Failed, not for an old plan")
  void failed() {
    EdgeHostStatus current = claimed(HostPlan.Action.Upgrade, 2);
    current.setReport(new AgentReport(2L, AgentReport.State.Failed, "kubelet did not start", NOW.toString()));
    EdgeHostStatus stale = claimed(HostPlan.Action.Upgrade, 3);
    stale.setReport(new AgentReport(2L, AgentReport.State.Failed, "kubelet did not start", NOW.toString()));

    assertThat(HostPhaseJudge.phase(current, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Failed);
    assertThat(HostPhaseJudge.phase(stale, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Upgrading);
  }

  @Test
  @DisplayName("When a host left its cluster with a Reset plan, then it is Provisioning until the agent reports the "
      + "reset applied (Available), and Failed when it reports the reset failed")
  void released() {
    EdgeHostStatus resetting = claimed(HostPlan.Action.Reset, 4);
    resetting.setCluster(null);
    resetting.setReport(new AgentReport(3L, AgentReport.State.Applied, null, NOW.toString()));
    assertThat(HostPhaseJudge.isReleased(resetting)).isTrue();
    assertThat(HostPhaseJudge.phase(resetting, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Provisioning);

    resetting.setReport(new AgentReport(4L, AgentReport.State.Applying, null, NOW.toString()));
    assertThat(HostPhaseJudge.phase(resetting, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Provisioning);
    resetting.setReport(new AgentReport(4L, AgentReport.State.Failed, "wipe failed", NOW.toString()));
    assertThat(HostPhaseJudge.phase(resetting, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Failed);
    resetting.setReport(new AgentReport(4L, AgentReport.State.Applied, null, NOW.toString()));
    assertThat(HostPhaseJudge.phase(resetting, NOW, STALENESS, Instant.MIN)).isEqualTo(Phase.Available);
  }
}
