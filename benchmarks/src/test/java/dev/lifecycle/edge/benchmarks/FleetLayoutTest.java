package dev.lifecycle.edge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetLayoutTest {

  @Test
  void hostsAreSplitIntoNamespacesTheLastHoldingTheRest() {
    FleetLayout layout = new FleetLayout(1_250, 500);
    assertThat(layout.clusters()).isEqualTo(250);
    assertThat(layout.projects()).extracting(FleetLayout.Project::hosts).containsExactly(500, 500, 250);
    assertThat(layout.projects().get(2).clusterNames()).hasSize(50).startsWith("site-0000").endsWith("site-0049");
    assertThat(layout.projects()).extracting(FleetLayout.Project::namespace)
        .containsExactly("fleet-000", "fleet-001", "fleet-002");
  }

  @Test
  void sizesThatAreNoWholeNumberOfClustersAreRefused() {
    assertThatThrownBy(() -> new FleetLayout(1_001, 500)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 5");
    assertThatThrownBy(() -> new FleetLayout(1_000, 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--hosts-per-namespace");
  }
}
