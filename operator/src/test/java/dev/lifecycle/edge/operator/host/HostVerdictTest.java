package dev.lifecycle.edge.operator.host;

import static dev.lifecycle.edge.operator.host.Hosts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostVerdictTest {

  private static final Duration STALENESS = Duration.ofSeconds(90);

  @Test
  @DisplayName("When a pre-provisioned host was never seen, then it is Pending, not ready, waiting for its machine")
  void pending() {
    HostVerdict verdict = HostVerdict.of(Hosts.pending(), NOW, STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Pending);
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.reason()).isEqualTo("Pending");
    assertThat(verdict.message()).isEqualTo("waiting for machine m-1 to register");
  }

  @Test
  @DisplayName("When a registered host is in no cluster, then it is Available and ready")
  void available() {
    HostVerdict verdict = HostVerdict.of(Hosts.available(NOW), NOW, STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Available);
    assertThat(verdict.ready()).isTrue();
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.reason()).isEqualTo("Available");
  }

  @Test
  @DisplayName("When a claimed host works on its plan, then it is reconciling and not ready, naming cluster and plan")
  void provisioningAndUpgrading() {
    HostVerdict provisioning = HostVerdict.of(Hosts.claimed(HostPlan.Action.Join, 1), NOW, STALENESS, Instant.MIN);
    HostVerdict upgrading = HostVerdict.of(Hosts.reported(Hosts.claimed(HostPlan.Action.Upgrade, 2), 1,
        AgentReport.State.Applied, null), NOW, STALENESS, Instant.MIN);

    assertThat(provisioning.phase()).isEqualTo(Phase.Provisioning);
    assertThat(provisioning.reconciling()).isTrue();
    assertThat(provisioning.ready()).isFalse();
    assertThat(provisioning.message())
        .isEqualTo("claimed by cluster store-0042 as worker; applying plan generation 1 (profile version 1.2.0)");
    assertThat(upgrading.phase()).isEqualTo(Phase.Upgrading);
    assertThat(upgrading.reconciling()).isTrue();
    assertThat(upgrading.reason()).isEqualTo("Upgrading");
  }

  @Test
  @DisplayName("When the agent reports its plan applied, then the host is Running and ready")
  void running() {
    HostVerdict verdict = HostVerdict.of(Hosts.reported(Hosts.claimed(HostPlan.Action.Init, 3), 3,
        AgentReport.State.Applied, null), NOW, STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Running);
    assertThat(verdict.ready()).isTrue();
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.stalled()).isFalse();
  }

  @Test
  @DisplayName("When the agent reports failure, then the host is Failed and Stalled with the agent's message")
  void failed() {
    HostVerdict verdict = HostVerdict.of(Hosts.reported(Hosts.claimed(HostPlan.Action.Join, 1), 1,
        AgentReport.State.Failed, "kubelet did not start"), NOW, STALENESS, Instant.MIN);
    HostVerdict silent = HostVerdict.of(Hosts.reported(Hosts.claimed(HostPlan.Action.Join, 1), 1,
        AgentReport.State.Failed, null), NOW, STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Failed);
    assertThat(verdict.stalled()).isTrue();
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.stalledReason()).isEqualTo("AgentReportedFailure");
    assertThat(verdict.reason()).isEqualTo("Failed");
    assertThat(verdict.message()).isEqualTo("kubelet did not start");
    assertThat(silent.message()).isEqualTo("the agent reported failure on plan generation 1");
  }

  @Test
  @DisplayName("When a host released by its cluster resets, then it is reconciling and says so; when the reset "
      + "failed, it is Stalled with ResetFailed and says what a person does")
  void released() {
    EdgeHost resetting = Hosts.claimed(HostPlan.Action.Reset, 4);
    resetting.getStatus().getPlan().setCluster("store-0042");
    resetting.getStatus().getPlan().setProfileVersion(null);
    resetting.getStatus().setCluster(null);
    HostVerdict verdict = HostVerdict.of(resetting, NOW, STALENESS, Instant.MIN);
    HostVerdict failed = HostVerdict.of(Hosts.reported(resetting, 4, AgentReport.State.Failed, "wipe: exit 2"), NOW,
        STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Provisioning);
    assertThat(verdict.reconciling()).isTrue();
    assertThat(verdict.message()).isEqualTo("left cluster store-0042; resetting with plan generation 4, claimable "
        + "once the agent reports it applied");
    assertThat(failed.phase()).isEqualTo(Phase.Failed);
    assertThat(failed.stalledReason()).isEqualTo("ResetFailed");
    assertThat(failed.message()).isEqualTo("the reset after leaving cluster store-0042 failed, so no cluster claims "
        + "the host: fix the machine and have its agent run the reset again (troubleshooting: ResetFailed): wipe: "
        + "exit 2");
  }

  @Test
  @DisplayName("When the last report is older than the staleness, then the host is Unreachable, saying since when")
  void unreachable() {
    HostVerdict verdict = HostVerdict.of(Hosts.available(NOW.minusSeconds(152)), NOW, STALENESS, Instant.MIN);

    assertThat(verdict.phase()).isEqualTo(Phase.Unreachable);
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.stalled()).isFalse();
    assertThat(verdict.message()).isEqualTo("nothing heard from the agent for more than 90s (lastSeen last written "
        + "2026-11-24T07:57:28Z)");
  }
}
