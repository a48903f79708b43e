package dev.lifecycle.edge.site.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.TestImages;
import dev.lifecycle.edge.site.content.BundleRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistryCatalogTest {

  private final TestImages images = new TestImages(11);
  private final Map<String, byte[]> held = new HashMap<>();

  private InlineManifest manifest(Descriptor config, Descriptor... layers) {
    InlineManifest manifest = TestImages.manifest(config, List.of(layers));
    held.put(manifest.digest(), manifest.bytes());
    return manifest;
  }

  private static BundleRecord bundle(String id, BundleRecord.Artifact... artifacts) {
    return new BundleRecord(id, id, List.of(new ProfileRef("retail", "1")), List.of(artifacts), List.of(), false, 1,
        1, "k", "2026-01-01T00:00:00Z");
  }

  private static BundleRecord.Artifact image(String reference, InlineManifest manifest) {
    return new BundleRecord.Artifact(BundleRecord.Kind.IMAGE, reference, manifest.descriptor());
  }

  private RegistryCatalog catalog(BundleRecord... bundles) {
    return RegistryCatalog.of(List.of(bundles), digest -> Optional.ofNullable(held.get(digest)));
  }

  @Test
  @DisplayName("Two bundles tagging one repository differently: the one stored last wins the tag, both manifests "
      + "stay reachable by digest")
  void lastBundleWinsTheTag() {
    InlineManifest old = manifest(images.blob(TestImages.CONFIG, 100), images.blob(TestImages.LAYER, 100));
    InlineManifest newer = manifest(images.blob(TestImages.CONFIG, 100), images.blob(TestImages.LAYER, 100));

    RegistryCatalog catalog = catalog(bundle("a", image("registry.example.com/retail/pos:1.4", old)),
        bundle("b", image("other.example.com/retail/pos:1.4", newer)));

    assertThat(catalog.repositories()).containsExactly("retail/pos");
    assertThat(catalog.tag("retail/pos", "1.4")).contains(newer.descriptor());
    assertThat(catalog.manifestType("retail/pos", old.digest())).contains(old.mediaType());
    assertThat(catalog.manifestType("retail/pos", newer.digest())).contains(newer.mediaType());
  }

  @Test
  @DisplayName("A repository reaches its own manifests, configs and layers, and the platform manifests its bundle "
      + "holds; not another repository's blobs, not a left-out platform")
  void reach() {
    Descriptor config = images.blob(TestImages.CONFIG, 100);
    Descriptor layer = images.blob(TestImages.LAYER, 100);
    InlineManifest amd64 = manifest(config, layer);
    InlineManifest arm64 = TestImages.manifest(images.blob(TestImages.CONFIG, 100),
        List.of(images.blob(TestImages.LAYER, 100)));
    Map<String, InlineManifest> platforms = new LinkedHashMap<>();
    platforms.put("linux/amd64", amd64);
    platforms.put("linux/arm64", arm64);
    InlineManifest index = TestImages.index(platforms);
    held.put(index.digest(), index.bytes());
    Descriptor otherLayer = images.blob(TestImages.LAYER, 100);
    InlineManifest other = manifest(images.blob(TestImages.CONFIG, 100), otherLayer);

    RegistryCatalog catalog = catalog(bundle("a", image("nginx:1.27", index), image("quay.io/x/y:1", other)));

    assertThat(catalog.tags("library/nginx")).containsExactly("1.27");
    assertThat(catalog.reaches("library/nginx", index.digest())).isTrue();
    assertThat(catalog.manifestType("library/nginx", amd64.digest())).contains(amd64.mediaType());
    assertThat(catalog.reaches("library/nginx", config.digest())).isTrue();
    assertThat(catalog.reaches("library/nginx", layer.digest())).isTrue();
    assertThat(catalog.manifestType("library/nginx", arm64.digest())).isEmpty();
    assertThat(catalog.reaches("library/nginx", otherLayer.digest())).isFalse();
    assertThat(catalog.reaches("x/y", otherLayer.digest())).isTrue();
    assertThat(catalog.hasRepository("x/z")).isFalse();
  }
}
