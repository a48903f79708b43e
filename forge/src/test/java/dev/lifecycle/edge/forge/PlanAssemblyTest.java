package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.oci.Descriptor;
import dev.lifecycle.edge.oci.Digest;
import dev.lifecycle.edge.oci.ImageIndex;
import dev.lifecycle.edge.oci.ImageManifest;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.MediaTypes;
import dev.lifecycle.edge.oci.Platform;
import dev.lifecycle.edge.oci.ResolvedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanAssemblyTest {

  private static final Descriptor SHARED = blob("shared layer");

  @Test
  @DisplayName("When an index was narrowed to one platform, then the plan keeps the registry's index bytes, the kept "
      + "manifest and its platform, and the blobs of that manifest only")
  void narrowedIndex() {
    ImageManifest amd64 = manifest(blob("amd64 config"), SHARED, blob("amd64 layer"));
    ImageManifest arm64 = manifest(blob("arm64 config"), SHARED, blob("arm64 layer"));
    byte[] indexBytes = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + entry(amd64, "amd64") + "," + entry(arm64, "arm64") + "]}").getBytes(StandardCharsets.UTF_8);
    ImageIndex index = new ImageIndex(new Descriptor(MediaTypes.OCI_INDEX, Digest.sha256(indexBytes), indexBytes.length),
        indexBytes, List.of(amd64.descriptor(), arm64.descriptor()));
    ResolvedImage resolved = new ResolvedImage(ImageReference.parse("registry.local/app:1"), index,
        List.of(new ResolvedImage.PlatformManifest(Platform.LINUX_AMD64, amd64)));

    BundlePlan plan = PlanAssembly.plan(List.of(new ProfileRef("p", "1.0.0")),
        List.of(new PlanAssembly.Named("registry.local/app:1", resolved)), List.of());

    ImagePlan image = plan.images().get(0);
    assertThat(image.reference()).isEqualTo("registry.local/app:1");
    assertThat(image.platforms()).containsExactly("linux/amd64");
    assertThat(image.manifest().digest()).isEqualTo(index.descriptor().digest().toString());
    assertThat(image.manifest().bytes()).isEqualTo(indexBytes);
    assertThat(image.childManifests()).extracting(m -> m.digest()).containsExactly(amd64.descriptor().digest().toString());
    assertThat(image.blobs()).extracting(dev.lifecycle.edge.bundle.Descriptor::digest)
        .containsExactly(amd64.config().digest().toString(), SHARED.digest().toString(),
            amd64.layers().get(1).digest().toString());
  }

  @Test
  @DisplayName("When an image is one manifest, then it is planned alone with no platform list; a chart keeps its config and layer")
  void singleAndChart() {
    ImageManifest single = manifest(blob("config"), SHARED);
    ImageManifest chart = new ImageManifest(descriptorOf(bytes(blob("helm config"), blob("chart"))),
        bytes(blob("helm config"), blob("chart")), new Descriptor(MediaTypes.HELM_CONFIG, blob("helm config").digest(), 11),
        List.of(blob("chart")));
    BundlePlan plan = PlanAssembly.plan(List.of(new ProfileRef("p", "1.0.0")),
        List.of(new PlanAssembly.Named("registry.local/tool:3",
            new ResolvedImage(ImageReference.parse("registry.local/tool:3"), single,
                List.of(new ResolvedImage.PlatformManifest(Platform.LINUX_AMD64, single))))),
        List.of(new PlanAssembly.Named("oci://registry.local/charts/web:1.0.0",
            new ResolvedImage(ImageReference.parse("registry.local/charts/web:1.0.0"), chart,
                List.of(new ResolvedImage.PlatformManifest(null, chart))))));

    assertThat(plan.images().get(0).platforms()).isEmpty();
    assertThat(plan.images().get(0).childManifests()).isEmpty();
    assertThat(plan.images().get(0).blobs()).hasSize(2);
    assertThat(plan.charts().get(0).reference()).isEqualTo("oci://registry.local/charts/web:1.0.0");
    assertThat(plan.charts().get(0).blobs()).extracting(dev.lifecycle.edge.bundle.Descriptor::mediaType)
        .containsExactly(MediaTypes.HELM_CONFIG, MediaTypes.OCI_LAYER_TAR_GZIP);
  }

  private static Descriptor blob(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new Descriptor(MediaTypes.OCI_LAYER_TAR_GZIP, Digest.sha256(bytes), bytes.length);
  }

  private static ImageManifest manifest(Descriptor config, Descriptor... layers) {
    Descriptor typedConfig = new Descriptor(MediaTypes.OCI_CONFIG, config.digest(), config.size());
    byte[] raw = bytes(typedConfig, layers);
    return new ImageManifest(descriptorOf(raw), raw, typedConfig, List.of(layers));
  }

  private static Descriptor descriptorOf(byte[] raw) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(raw), raw.length);
  }

  private static byte[] bytes(Descriptor config, Descriptor... layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + json(config) + ",\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i > 0 ? "," : "").append(json(layers[i]));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String json(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }

  private static String entry(ImageManifest manifest, String arch) {
    return json(manifest.descriptor()).replaceFirst("}$", ",\"platform\":{\"os\":\"linux\",\"architecture\":\""
        + arch + "\"}}");
  }
}
