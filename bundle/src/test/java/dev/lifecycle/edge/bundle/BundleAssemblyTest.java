package dev.lifecycle.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What goes into a bundle, decided without I/O. */
class BundleAssemblyTest {

  private final TestImages images = new TestImages();

  @Test
  @DisplayName("When images share blobs, then each blob is listed once, in first-seen order after the layout files")
  void contentAddressed() {
    Descriptor shared = images.blob(TestImages.LAYER, 100);
    ImagePlan a = images.image("a:1", shared);
    ImagePlan b = images.image("b:1", shared, images.blob(TestImages.LAYER, 10));

    BundleAssembly.Contents contents = BundleAssembly.assemble(new BundlePlan(List.of(), List.of(a, b), List.of()),
        null);

    List<String> paths = contents.index().files().stream().map(ArchiveFile::path).toList();
    assertThat(paths).startsWith("oci-layout", "index.json").doesNotHaveDuplicates();
    assertThat(paths).filteredOn(path -> path.equals(shared.layoutPath())).hasSize(1);
    assertThat(contents.usersByDigest().get(shared.digest())).containsExactly("image a:1", "image b:1");
    assertThat(contents.inline()).containsKey(a.manifest().descriptor().layoutPath());
    assertThat(contents.streamed()).containsKey(shared.layoutPath()).doesNotContainKey(a.manifest().descriptor()
        .layoutPath());
    assertThat(contents.index().base()).isNull();
  }

  @Test
  @DisplayName("When the same digest is planned with two sizes, then the plan is refused naming both images")
  void conflictingSizes() {
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    ImagePlan a = images.image("a:1", layer);
    Descriptor liar = new Descriptor(TestImages.LAYER, layer.digest(), 101);
    ImagePlan b = new ImagePlan("b:1", List.of(), TestImages.manifest(a.blobs().get(0), List.of(liar)), List.of(),
        List.of(a.blobs().get(0), liar));

    assertThatThrownBy(() -> BundleAssembly.assemble(new BundlePlan(List.of(), List.of(a, b), List.of()), null))
        .hasMessageContaining(layer.digest()).hasMessageContaining("image a:1").hasMessageContaining("image b:1");
  }

  @Test
  @DisplayName("When a manifest names a layer the plan lacks, then the plan is refused naming the image and layer; "
      + "a site inventory holding the layer makes it complete")
  void missingLayer() {
    Descriptor config = images.blob(TestImages.CONFIG, 10);
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    ImagePlan image = ImagePlan.single("registry.example/web:1", TestImages.manifest(config, List.of(layer)),
        List.of(config));

    assertThatThrownBy(() -> BundleAssembly.assemble(new BundlePlan(List.of(), List.of(image), List.of()), null))
        .hasMessage("image registry.example/web:1: manifest " + image.manifest().digest() + " names layer "
            + layer.digest() + ", which is missing from the plan");
    BundleAssembly.Contents delta = BundleAssembly.assemble(new BundlePlan(List.of(), List.of(image), List.of()),
        SiteInventory.of(List.of(layer.digest())));
    assertThat(delta.index().files()).extracting(ArchiveFile::digest).doesNotContain(layer.digest());
  }

  @Test
  @DisplayName("When a manifest's size for a layer differs from the plan's, then the plan is refused")
  void layerSizeDiffers() {
    Descriptor config = images.blob(TestImages.CONFIG, 10);
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    Descriptor claimed = new Descriptor(TestImages.LAYER, layer.digest(), 99);
    ImagePlan image = ImagePlan.single("web:1", TestImages.manifest(config, List.of(claimed)), List.of(config, layer));

    assertThatThrownBy(() -> BundleAssembly.assemble(new BundlePlan(List.of(), List.of(image), List.of()), null))
        .hasMessageContaining("is 99 bytes, the plan says 100");
  }

  @Test
  @DisplayName("When an index has no manifest for a planned platform, or the planned platform's manifest is not "
      + "given, then the plan is refused naming the platform")
  void platforms() {
    Descriptor config = images.blob(TestImages.CONFIG, 10);
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    InlineManifest amd64 = TestImages.manifest(config, List.of(layer));
    Map<String, InlineManifest> byPlatform = new LinkedHashMap<>();
    byPlatform.put("linux/amd64", amd64);
    InlineManifest index = TestImages.index(byPlatform);

    ImagePlan wrongPlatform = new ImagePlan("web:1", List.of("linux/arm64"), index, List.of(amd64),
        List.of(config, layer));
    assertThatThrownBy(() -> BundleAssembly.assemble(new BundlePlan(List.of(), List.of(wrongPlatform), List.of()),
        null)).hasMessage("image web:1: its index " + index.digest() + " has no manifest for linux/arm64");

    ImagePlan childMissing = new ImagePlan("web:1", List.of("linux/amd64"), index, List.of(), List.of(config, layer));
    assertThatThrownBy(() -> BundleAssembly.assemble(new BundlePlan(List.of(), List.of(childMissing), List.of()),
        null)).hasMessage("image web:1: the manifest for linux/amd64 (" + amd64.digest() + ") is missing from the plan");

    ImagePlan whole = new ImagePlan("web:1", List.of(), index, List.of(amd64), List.of(config, layer));
    assertThat(BundleAssembly.assemble(new BundlePlan(List.of(), List.of(whole), List.of()), null).index().files())
        .hasSize(2 + 4);
  }

  @Test
  @DisplayName("When a delta is planned, then bundle.json records the inventory's digest and the blobs left out")
  void deltaBase() {
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    ImagePlan image = images.image("web:1", layer);
    SiteInventory site = SiteInventory.of(List.of(layer.digest(), "sha256:" + "f".repeat(64)));

    BundleIndex index = BundleAssembly.assemble(new BundlePlan(List.of(), List.of(image), List.of()), site).index();

    assertThat(index.base().inventory()).isEqualTo(site.digest());
    assertThat(index.base().blobs()).containsExactly(new BundleIndex.BlobRef(layer.digest(), 100));
  }

  @Test
  @DisplayName("When a plan is empty or names an image twice, then it is refused")
  void invalidPlans() {
    ImagePlan image = images.image("web:1", images.blob(TestImages.LAYER, 1));
    assertThatThrownBy(() -> new BundlePlan(List.of(), List.of(), List.of()))
        .hasMessageContaining("at least one image or chart");
    assertThatThrownBy(() -> new BundlePlan(List.of(), List.of(image, image), List.of()))
        .hasMessageContaining("image web:1 is planned twice");
    assertThatThrownBy(() -> new ImagePlan("web:1", List.of("amd64"), image.manifest(), List.of(), List.of()))
        .hasMessageContaining("os/architecture");
  }
}
