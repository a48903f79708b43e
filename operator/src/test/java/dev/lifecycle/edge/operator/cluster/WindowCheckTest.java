package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WindowCheckTest {

  private static EdgeClusterSpec spec(String zone) {
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaintenanceWindows(List.of(new MaintenanceWindow(List.of("Sun"), "02:00", "4h", zone)));
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setUpgradeStrategy(strategy);
    return spec;
  }

  @Test
  @DisplayName("When a window names a zone no time-zone database knows, then the cluster is Stalled with reason "
      + "InvalidMaintenanceWindow naming the field, whether or not a rollout is under way")
  void unknownZoneStalls() {
    assertThat(WindowCheck.problem(spec("Europe/Berlinn"))).hasValueSatisfying(verdict -> {
      assertThat(verdict.stalled()).isTrue();
      assertThat(verdict.reason()).isEqualTo("InvalidMaintenanceWindow");
      assertThat(verdict.message()).startsWith("spec.upgradeStrategy.maintenanceWindows[0].timeZone: "
          + "'Europe/Berlinn' is not a time zone the operator knows");
    });
    assertThat(WindowCheck.problem(spec("Europe/Berlin"))).isEmpty();
    assertThat(WindowCheck.problem(new EdgeClusterSpec())).isEmpty();
  }

  @Test
  @DisplayName("When only the upgrade-now annotation changes, then the cluster is reconciled; a status write alone "
      + "wakes nothing")
  void annotationWakesTheCluster() {
    EdgeCluster before = cluster(1L, Map.of());
    ClusterUpdateFilter filter = new ClusterUpdateFilter();

    assertThat(filter.accept(cluster(1L, Map.of(UpgradeNowRecord.ANNOTATION, "1")), before)).isTrue();
    assertThat(filter.accept(cluster(2L, Map.of()), before)).as("a spec change").isTrue();
    assertThat(filter.accept(cluster(1L, Map.of("other", "x")), before)).as("another annotation").isFalse();
    assertThat(filter.accept(cluster(1L, Map.of()), before)).as("a status write").isFalse();
  }

  private static EdgeCluster cluster(long generation, Map<String, String> annotations) {
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("store").withNamespace("ns").withGeneration(generation)
        .withAnnotations(annotations).build());
    return cluster;
  }
}
