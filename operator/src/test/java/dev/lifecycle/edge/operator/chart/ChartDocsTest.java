package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/install.md keeps up with the chart: every value documented, CRDs applied before an upgrade. */
class ChartDocsTest {

  private static String guide;

  @BeforeAll
  static void read() throws IOException {
    guide = Files.readString(Path.of("..", "docs", "install.md"));
  }

  @Test
  @DisplayName("When a value is added to values.yaml, then docs/install.md must name it by its full path, or this "
      + "fails")
  @SuppressWarnings("unchecked")
  void everyValueIsDocumented() throws IOException {
    Map<String, Object> values = Serialization.unmarshal(
        Files.readString(HelmChart.DIRECTORY.resolve("values.yaml")), Map.class);
    List<String> paths = new ArrayList<>();
    collect("", values, paths);
    assertThat(paths).hasSizeGreaterThan(30)
        .allSatisfy(path -> assertThat(guide).as("docs/install.md names `%s`", path).contains("`" + path + "`"));
  }

  @Test
  @DisplayName("When the guide shows an upgrade, then it applies the chart's CRDs server-side before helm upgrade, "
      + "since Helm never upgrades crds/")
  void crdsBeforeUpgrade() {
    String apply = "kubectl apply --server-side -f helm/edge-operator/crds/";
    int upgrade = guide.indexOf("## 4. Upgrade");
    assertThat(upgrade).isNotNegative();
    int applied = guide.indexOf(apply, upgrade);
    assertThat(applied).as("the CRDs applied in the upgrade section").isPositive();
    assertThat(guide.indexOf("\nhelm upgrade ", applied)).as("helm upgrade after the CRDs").isGreaterThan(applied);
    assertThat(guide.substring(upgrade, applied)).as("no helm upgrade command before the CRDs")
        .doesNotContain("\nhelm upgrade ");
  }

  /** Leaves of the values: scalars, lists and empty maps, as dotted paths. */
  @SuppressWarnings("unchecked")
  private static void collect(String prefix, Map<String, Object> map, List<String> paths) {
    map.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        collect(path, (Map<String, Object>) nested, paths);
      } else {
        paths.add(path);
      }
    });
  }
}
