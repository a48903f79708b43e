package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolloutVerdictTest {

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase, int updated, int total, String failure) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setPhase(phase);
    upgrade.setFrom("1.0.0");
    upgrade.setTo("1.1.0");
    upgrade.setUpdated(updated);
    upgrade.setTotal(total);
    upgrade.setFailure(failure);
    return upgrade;
  }

  @Test
  @DisplayName("While hosts move: Upgrading, Reconciling, not Ready, with progress like 'upgrading 3/8'")
  void progressing() {
    ClusterVerdict verdict = RolloutVerdict.of(upgrade(UpgradeStatus.Phase.Progressing, 3, 8, null), null,
        "waiting for w-c").orElseThrow();

    assertThat(verdict.phase()).isEqualTo(Phase.Upgrading);
    assertThat(verdict.reconciling()).isTrue();
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.stalled()).isFalse();
    assertThat(verdict.reason()).isEqualTo("Upgrading");
    assertThat(verdict.message()).isEqualTo("upgrading 3/8 to 1.1.0: waiting for w-c");
  }

  @Test
  @DisplayName("Paused: neither reconciling nor stalled, and the message says how to resume")
  void paused() {
    ClusterVerdict verdict = RolloutVerdict.of(upgrade(UpgradeStatus.Phase.Paused, 2, 6, null), null, null)
        .orElseThrow();

    assertThat(verdict.reason()).isEqualTo("UpgradePaused");
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.stalled()).isFalse();
    assertThat(verdict.message()).contains("2/6").contains("spec.paused");
  }

  @Test
  @DisplayName("Stalled on a failed host: Degraded, Stalled with the planner's reason, naming what the host reported")
  void stalled() {
    ClusterVerdict verdict = RolloutVerdict.of(upgrade(UpgradeStatus.Phase.Stalled, 1, 6,
        "host w-b failed on 1.1.0: hook upgrade exited 1"), "HostFailed", null).orElseThrow();

    assertThat(verdict.phase()).isEqualTo(Phase.Degraded);
    assertThat(verdict.stalled()).isTrue();
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.reason()).isEqualTo("HostFailed");
    assertThat(verdict.message()).contains("1/6").contains("w-b").contains("hook upgrade exited 1");
  }

  @Test
  @DisplayName("A timed-out host keeps its own reason")
  void timedOut() {
    assertThat(RolloutVerdict.of(upgrade(UpgradeStatus.Phase.Stalled, 0, 3, "host w-a did not report within 5m"),
        "HostTimedOut", null).orElseThrow().reason()).isEqualTo("HostTimedOut");
  }

  @Test
  @DisplayName("Rolling back is work under way; rolled back is Stalled with reason RolledBack and keeps the hosts' phase")
  void rollback() {
    ClusterVerdict rollingBack = RolloutVerdict.of(upgrade(UpgradeStatus.Phase.RollingBack, 2, 6, "w-b failed"),
        null, null).orElseThrow();
    ClusterVerdict rolledBack = RolloutVerdict.of(upgrade(UpgradeStatus.Phase.RolledBack, 0, 6, "w-b failed"),
        null, null).orElseThrow();

    assertThat(rollingBack.reconciling()).isTrue();
    assertThat(rollingBack.reason()).isEqualTo("RollingBack");
    assertThat(rollingBack.message()).contains("rolling back to 1.0.0");
    assertThat(rolledBack.stalled()).isTrue();
    assertThat(rolledBack.reason()).isEqualTo("RolledBack");
    assertThat(rolledBack.phase()).isNull();
    assertThat(rolledBack.message()).contains("every host runs 1.0.0").contains("spec.profileRef");
  }

  @Test
  @DisplayName("A complete rollout, or none, leaves the conditions to the hosts")
  void complete() {
    assertThat(RolloutVerdict.of(upgrade(UpgradeStatus.Phase.Complete, 6, 6, null), null, null)).isEmpty();
    assertThat(RolloutVerdict.of(null, null, null)).isEmpty();
  }

  @Test
  @DisplayName("Waiting for a maintenance window: Upgrading, not Ready, neither reconciling nor stalled, and the "
      + "message names the opening and the annotation that runs it now")
  void waitingForWindow() {
    UpgradeStatus upgrade = upgrade(UpgradeStatus.Phase.Progressing, 1, 4, null);
    upgrade.setNextWindow("2026-12-08T21:00:00Z");
    ClusterVerdict verdict = RolloutVerdict.of(upgrade, null, "no batch starts").orElseThrow();

    assertThat(verdict.phase()).isEqualTo(Phase.Upgrading);
    assertThat(verdict.reason()).isEqualTo("WaitingForMaintenanceWindow");
    assertThat(verdict.ready()).isFalse();
    assertThat(verdict.reconciling()).isFalse();
    assertThat(verdict.stalled()).isFalse();
    assertThat(verdict.message()).isEqualTo("upgrade to 1.1.0 at 1/4 waits for the next maintenance window, which "
        + "opens at 2026-12-08T21:00:00Z; annotate the cluster with edge.lifecycle.dev/upgrade-now=<a new value> "
        + "to run it now");
  }
}
