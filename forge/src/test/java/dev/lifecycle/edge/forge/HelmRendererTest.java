package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Helm (helm-java, in-process, offline) renders a packaged chart with a layer's values. */
class HelmRendererTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When a packaged chart is rendered with a layer's values, then the values reach the templates and the "
      + "Deployment's, init container's and CronJob's images are found")
  void rendersWithValues() throws Exception {
    Path chart = RegistryContent.packageWebChart(dir, "1.0.0");
    assertThat(chart).exists();

    String yaml = new HelmRenderer().render(chart, "shop", "fleet",
        Map.of("registry", "registry.local", "webTag", "1.7", "replicas", 3));

    assertThat(yaml).contains("replicas: 3").contains("name: shop");
    assertThat(RenderedImages.of(yaml)).extracting(ManifestImage::image, ManifestImage::describe)
        .containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("registry.local/app/cleanup:3", "container of CronJob cleanup"),
        org.assertj.core.groups.Tuple.tuple("registry.local/app/migrate:2.0", "initContainer of Deployment shop"),
        org.assertj.core.groups.Tuple.tuple("registry.local/app/web:1.7", "container of Deployment shop"));
  }

  @Test
  @DisplayName("When Helm cannot render the chart, then the error carries Helm's message")
  void helmRefuses() throws Exception {
    Path broken = Files.write(dir.resolve("broken.tgz"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> new HelmRenderer().render(broken, "shop", "fleet", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("Exception");
  }
}
