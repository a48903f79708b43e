package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.links.SiteHosts;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttentionTest {

  static ClusterProgress cluster(String name, String phase, String rollout, boolean paused) {
    return new ClusterProgress(name, phase, "edge", "1.0.0", null, 3, 3, List.of(), paused, rollout, List.of(),
        phase + " on 1.0.0: 3 of 3 hosts running");
  }

  static SiteHosts.Host host(String name, String phase, String cluster, String reset) {
    return new SiteHosts.Host(name, phase, cluster, cluster == null ? null : "worker", "2026-12-06T10:00:00Z",
        "m-" + name, null, reset);
  }

  static SiteHosts.SiteEvent event(String type, String message) {
    return new SiteHosts.SiteEvent("2026-12-06T10:00:00Z", type, "Reason", "EdgeHost h1", message, 1);
  }

  @Test
  @DisplayName("When everything runs, then nothing needs attention")
  void quietSite() {
    assertThat(Attention.of(List.of(cluster("c", "Running", "Complete", false)),
        List.of(host("h1", "Running", "c", null)), List.of(event("Normal", "host joined")))).isEmpty();
  }

  @Test
  @DisplayName("Failed, degraded and stalled clusters, a paused update, failed, unreachable and resetting hosts, "
      + "hosts waiting for a cluster and warnings are each named, clusters first")
  void namesWhatNeedsAPerson() {
    List<String> needs = Attention.of(
        List.of(cluster("a", "Degraded", null, false), cluster("b", "Upgrading", "Stalled", false),
            cluster("c", "Upgrading", "Paused", true), cluster("d", "Failed", null, false)),
        List.of(host("h1", "Failed", "a", null), host("h2", "Unreachable", "a", null),
            host("h3", "Running", "a", "reset through the site API by admin"), host("h4", "Available", null, null),
            host("h5", "Available", null, null)),
        List.of(event("Warning", "disk almost full"), event("Normal", "fine")));
    assertThat(needs).containsExactly(
        "Cluster a is degraded: Degraded on 1.0.0: 3 of 3 hosts running",
        "Cluster b is stalled: Upgrading on 1.0.0: 3 of 3 hosts running",
        "Cluster c's update is paused: resume it to go on",
        "Cluster d is failed: Failed on 1.0.0: 3 of 3 hosts running",
        "Host h1 reported a failure (cluster a)",
        "Host h2 has not been heard from since 2026-12-06T10:00:00Z: check its power and network",
        "Host h3 is being reset (reset through the site API by admin)",
        "2 hosts are linked and in no cluster yet",
        "Warning on EdgeHost h1: disk almost full");
  }

  @Test
  @DisplayName("At most the latest few warnings are named")
  void boundsWarnings() {
    List<SiteHosts.SiteEvent> warnings = IntStream.range(0, 20).mapToObj(i -> event("Warning", "w" + i)).toList();
    assertThat(Attention.of(List.of(), List.of(), warnings)).hasSize(Attention.MAX_WARNINGS)
        .first().isEqualTo("Warning on EdgeHost h1: w0");
  }
}
