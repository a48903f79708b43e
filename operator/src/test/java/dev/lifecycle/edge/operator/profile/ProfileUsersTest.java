package dev.lifecycle.edge.operator.profile;

import static dev.lifecycle.edge.operator.profile.Profiles.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileUsersTest {

  @Test
  @DisplayName("When clusters name different profiles, then only those naming this profile pin it")
  void pinsByProfileRef() {
    assertThat(ProfileUsers.pins(cluster("ns", "store-1", "store-edge-1.0.0"), "store-edge-1.0.0")).isTrue();
    assertThat(ProfileUsers.pins(cluster("ns", "store-1", "store-edge-1.1.0"), "store-edge-1.0.0")).isFalse();
  }

  @Test
  @DisplayName("When a cluster names no profile, then it pins none and its profile is null")
  void noProfileRef() {
    EdgeCluster cluster = cluster("ns", "store-1", null);

    assertThat(ProfileUsers.profileOf(cluster)).isNull();
    assertThat(ProfileUsers.pins(cluster, "store-edge-1.0.0")).isFalse();
  }

  @Test
  @DisplayName("When cluster names come in any order, then usedBy lists them sorted, once each")
  void namesSorted() {
    Stream<EdgeCluster> clusters = Stream.of(cluster("ns", "store-2", "p"), cluster("ns", "store-10", "p"),
        cluster("ns", "depot", "p"), cluster("ns", "store-2", "p"));

    assertThat(ProfileUsers.names(clusters)).isEqualTo(List.of("depot", "store-10", "store-2"));
  }

  private static EdgeCluster upgrading(String from, UpgradeStatus.Phase phase) {
    EdgeCluster cluster = cluster("ns", "store-1", "store-edge-1.1.0");
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setFromProfile(from);
    upgrade.setToProfile("store-edge-1.1.0");
    upgrade.setPhase(phase);
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setUpgrade(upgrade);
    cluster.setStatus(status);
    return cluster;
  }

  @Test
  @DisplayName("Until a rollout completes, the cluster also uses the profile it started from")
  void rolloutSourceIsUsed() {
    for (UpgradeStatus.Phase phase : new UpgradeStatus.Phase[] {UpgradeStatus.Phase.Progressing,
        UpgradeStatus.Phase.Paused, UpgradeStatus.Phase.Stalled, UpgradeStatus.Phase.RollingBack,
        UpgradeStatus.Phase.RolledBack}) {
      EdgeCluster cluster = upgrading("store-edge-1.0.0", phase);
      assertThat(ProfileUsers.uses(cluster, "store-edge-1.0.0")).as(phase.name()).isTrue();
      assertThat(ProfileUsers.uses(cluster, "store-edge-1.1.0")).as(phase.name()).isTrue();
    }
  }

  @Test
  @DisplayName("Once a rollout completes, the profile it started from is no longer used")
  void completeReleasesSource() {
    EdgeCluster cluster = upgrading("store-edge-1.0.0", UpgradeStatus.Phase.Complete);

    assertThat(ProfileUsers.rolloutSourceOf(cluster)).isNull();
    assertThat(ProfileUsers.uses(cluster, "store-edge-1.0.0")).isFalse();
    assertThat(ProfileUsers.uses(cluster, "store-edge-1.1.0")).isTrue();
  }
}
