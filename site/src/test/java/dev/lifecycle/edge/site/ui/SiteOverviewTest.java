package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteOverviewTest {

  @Test
  @DisplayName("Hosts are counted by phase in the lifecycle's order; an unreported host counts as Pending")
  void countsHostsByPhase() {
    SiteOverview overview = SiteOverview.of("store", "https://10.0.0.5:5080", "sha256:ab", List.of(),
        List.of(AttentionTest.host("h1", "Running", "c", null), AttentionTest.host("h2", null, null, null),
            AttentionTest.host("h3", "Running", "c", null), AttentionTest.host("h4", "Unreachable", "c", null),
            AttentionTest.host("h5", "Available", null, null)), List.of());
    assertThat(overview.hostCount()).isEqualTo(5);
    assertThat(overview.hostsByPhase()).containsExactly(new SiteOverview.PhaseCount("Pending", 1),
        new SiteOverview.PhaseCount("Available", 1), new SiteOverview.PhaseCount("Running", 2),
        new SiteOverview.PhaseCount("Unreachable", 1));
    assertThat(overview.attention()).hasSize(2);
  }

  @Test
  @DisplayName("Phases read as ok, warn or bad")
  void statesOfPhases() {
    assertThat(SiteOverview.stateClass("Running")).isEqualTo("state-ok");
    assertThat(SiteOverview.stateClass("Degraded")).isEqualTo("state-bad");
    assertThat(SiteOverview.stateClass("Provisioning")).isEqualTo("state-warn");
    assertThat(SiteOverview.stateClass(null)).isEqualTo("state-warn");
  }
}
