package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClosureCheckTest {

  private static final LayerRef WEB = new LayerRef("store-edge", "1.1.0", "web");

  @Test
  @DisplayName("When everything was found, then the check is complete and gives what was found in order")
  void complete() {
    ClosureCheck<String> check = new ClosureCheck<String>()
        .add(ClosureCheck.Lookup.found("image a:1", List.of("x"), "A"))
        .add(ClosureCheck.Lookup.found("image b:1", List.of("y"), "B"));
    assertThat(check.complete()).isTrue();
    assertThat(check.found()).containsExactly("A", "B");
  }

  @Test
  @DisplayName("When an image rendered from a chart's init container is missing, then the problem names the image, "
      + "the manifest, the chart, the layer and the profile, and the registry's reason")
  void namesReferenceAndLayer() {
    ChartNeed chart = new ChartNeed("oci://registry.local/charts/", "web", "1.0.0", Map.of(), WEB);
    ImageNeed need = chart.rendered(new ManifestImage("registry.local/app/sidecar:1.2", "initContainer", "Deployment",
        "web"));
    WantedImage wanted = WantedImage.group(List.of(need)).get(0);
    ClosureCheck<String> check = new ClosureCheck<String>()
        .add(ClosureCheck.Lookup.found("image ok:1", List.of(WEB.toString()), "ok"))
        .add(ClosureCheck.Lookup.missing(wanted.subject(), wanted.neededBy(), "manifest unknown"));

    assertThat(check.complete()).isFalse();
    assertThat(check.problems()).containsExactly("image registry.local/app/sidecar:1.2 (initContainer of Deployment "
        + "web, rendered from chart oci://registry.local/charts/web 1.0.0 of layer 'web' in profile store-edge 1.1.0): "
        + "manifest unknown");
  }

  @Test
  @DisplayName("When two layers name one image differently spelled, then it is one image needed by both; "
      + "a text that is no reference is kept with its reason")
  void grouping() {
    LayerRef os = new LayerRef("store-edge", "1.1.0", "os");
    List<WantedImage> wanted = WantedImage.group(List.of(
        new ImageNeed("nginx", os.toString()),
        new ImageNeed("docker.io/library/nginx:latest", "extraImages of " + WEB),
        new ImageNeed("nginx", os.toString()),
        new ImageNeed("Registry.local/UPPER:1", WEB.toString())));

    assertThat(wanted).hasSize(2);
    assertThat(wanted.get(0).reference()).isEqualTo("docker.io/library/nginx:latest");
    assertThat(wanted.get(0).neededBy()).containsExactly("layer 'os' in profile store-edge 1.1.0",
        "extraImages of layer 'web' in profile store-edge 1.1.0");
    assertThat(wanted.get(1).parsed()).isNull();
    assertThat(wanted.get(1).invalid()).startsWith("not an image reference: ");
  }

  @Test
  @DisplayName("A lookup is found or missing, never both")
  void lookupIsOneOrTheOther() {
    assertThatThrownBy(() -> new ClosureCheck.Lookup<>("image a", List.of(), "x", "y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
