package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChartReferenceTest {

  @Test
  @DisplayName("When a chart is oci://host/path/chart with a version, then it is the image reference host/path/chart:version")
  void parses() {
    ChartReference chart = ChartReference.parse("oci://registry.example:5000/charts/cilium", "1.16.2");
    assertThat(chart.image()).hasToString("registry.example:5000/charts/cilium:1.16.2");
    assertThat(chart.image().registry()).isEqualTo("registry.example:5000");
  }

  @Test
  @DisplayName("When the version has build metadata, then the tag carries '_' for '+' as Helm pushes it")
  void buildMetadata() {
    assertThat(ChartReference.parse("oci://ghcr.io/a/chart/", "1.0.0+abc").image().tag()).isEqualTo("1.0.0_abc");
  }

  @Test
  @DisplayName("When a chart reference lacks the scheme, the version or the host, or carries a tag, then the error says so")
  void rejects() {
    assertThatThrownBy(() -> ChartReference.parse("ghcr.io/a/chart", "1.0.0")).hasMessageContaining("oci://host/path/chart");
    assertThatThrownBy(() -> ChartReference.parse("oci://ghcr.io/a/chart", " ")).hasMessageContaining("needs a version");
    assertThatThrownBy(() -> ChartReference.parse("oci://ghcr.io/a/chart:1.0", "1.0"))
        .hasMessageContaining("version field");
    assertThatThrownBy(() -> ChartReference.parse("oci://charts/cilium", "1.0"))
        .hasMessageContaining("must be a registry host, not 'charts'");
    assertThatThrownBy(() -> ChartReference.parse("oci://ghcr.io", "1.0")).hasMessageContaining("no chart name");
    assertThatThrownBy(() -> ChartReference.parse("oci://ghcr.io/a/Chart", "1.0"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("invalid reference 'oci://ghcr.io/a/Chart version 1.0': repository names must be lower case ('Chart')");
  }
}
