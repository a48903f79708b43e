package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.host.HostNotices.Notice;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostNoticesTest {

  private static HostVerdict to(Phase phase) {
    return new HostVerdict(phase, "what happened");
  }

  @Test
  @DisplayName("When the phase stays or the host is still Pending, then no Event is recorded")
  void nothing() {
    assertThat(HostNotices.between(Phase.Running, to(Phase.Running))).isEmpty();
    assertThat(HostNotices.between(null, to(Phase.Pending))).isEmpty();
  }

  @Test
  @DisplayName("When a host is seen for the first time, then the Event says it registered")
  void registered() {
    assertThat(HostNotices.between(Phase.Pending, to(Phase.Available)))
        .contains(new Notice(false, "Registered", "the host registered and is available: what happened"));
    assertThat(HostNotices.between(null, to(Phase.Available))).map(Notice::reason).contains("Registered");
    assertThat(HostNotices.between(Phase.Running, to(Phase.Available))).map(Notice::reason).contains("Available");
  }

  @Test
  @DisplayName("When a host fails or goes silent, then a Warning is recorded; other transitions are Normal")
  void warnings() {
    assertThat(HostNotices.between(Phase.Upgrading, to(Phase.Failed)))
        .contains(new Notice(true, "Failed", "what happened"));
    assertThat(HostNotices.between(Phase.Running, to(Phase.Unreachable)))
        .contains(new Notice(true, "Unreachable", "what happened"));
    assertThat(HostNotices.between(Phase.Available, to(Phase.Provisioning)))
        .contains(new Notice(false, "Provisioning", "what happened"));
    assertThat(HostNotices.between(Phase.Provisioning, to(Phase.Running)))
        .contains(new Notice(false, "Running", "what happened"));
    assertThat(HostNotices.between(Phase.Running, to(Phase.Upgrading)))
        .contains(new Notice(false, "Upgrading", "what happened"));
  }

  @Test
  @DisplayName("When an upgraded host runs again, then the host records nothing: its cluster's BatchUpgraded names it")
  void upgradedIsTheClustersToTell() {
    assertThat(HostNotices.between(Phase.Upgrading, to(Phase.Running))).isEmpty();
    assertThat(HostNotices.between(Phase.Unreachable, to(Phase.Running))).map(Notice::reason).contains("Reachable");
  }

  @Test
  @DisplayName("When an Unreachable host reports again, then the Event says it is reachable and in which phase")
  void reachable() {
    assertThat(HostNotices.between(Phase.Unreachable, to(Phase.Running)))
        .contains(new Notice(false, "Reachable", "the host reports again and is Running: what happened"));
  }
}
