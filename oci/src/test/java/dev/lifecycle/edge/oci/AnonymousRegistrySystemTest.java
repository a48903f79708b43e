package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from the real distribution registry without authentication, over plain HTTP allowed for it. */
@Tag("system")
class AnonymousRegistrySystemTest {

  @TempDir
  static Path dir;
  static DistributionRegistry registry;
  static RegistryClient client;
  static SyntheticContent content;
  static ImageReference app;
  static SyntheticContent.MultiArch multiArch;

  @BeforeAll
  static void start() throws Exception {
    registry = DistributionRegistry.anonymous(dir);
    client = RegistryClient.builder().plainHttp(registry.host()).build();
    content = new SyntheticContent(client);
    app = ImageReference.parse(registry.host() + "/edge/app:1.0");
    multiArch = content.pushMultiArch(app);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
  }

  @Test
  @DisplayName("When a multi-arch index is resolved for amd64 and arm64, then both manifests are kept with their platforms, "
      + "the index digest is the pushed one, and the shared layer is listed once")
  void narrowsIndex() throws Exception {
    ResolvedImage image = client.resolve(app, List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));

    assertThat(image.top()).isInstanceOf(ImageIndex.class);
    assertThat(image.digest()).isEqualTo(multiArch.index().digest());
    assertThat(Digest.sha256(image.top().raw())).isEqualTo(image.digest());
    assertThat(image.pinned()).hasToString(app + "@" + multiArch.index().digest());
    assertThat(image.manifests()).extracting(entry -> entry.manifest().descriptor().digest())
        .containsExactly(multiArch.amd64().digest(), multiArch.arm64().digest());
    assertThat(image.manifests()).extracting(entry -> entry.platform().toString())
        .containsExactly("linux/amd64", "linux/arm64/v8");
    image.manifests().forEach(entry ->
        assertThat(Digest.sha256(entry.manifest().raw())).isEqualTo(entry.manifest().descriptor().digest()));
    // two configs, one layer each of their own, one shared layer
    assertThat(image.blobs()).hasSize(5);
    assertThat(image.blobs()).filteredOn(blob -> blob.digest().equals(multiArch.sharedLayer().digest())).hasSize(1);
    assertThat(image.size()).isEqualTo(multiArch.index().size() + multiArch.amd64().size() + multiArch.arm64().size()
        + image.blobs().stream().mapToLong(Descriptor::size).sum());
    for (Descriptor blob : image.blobs()) {
      try (InputStream in = client.openBlob(app, blob)) {
        assertThat(in.readAllBytes()).as("blob %s", blob.digest()).isEqualTo(content.blobs.get(blob.digest()));
      }
    }
  }

  @Test
  @DisplayName("When only linux/arm64/v8 is asked, then only the arm64 manifest is kept; by digest the same index resolves")
  void onePlatform() {
    ResolvedImage image = client.resolve(app, List.of(Platform.parse("linux/arm64/v8")));
    assertThat(image.manifests()).extracting(entry -> entry.manifest().descriptor().digest())
        .containsExactly(multiArch.arm64().digest());

    ResolvedImage pinned = client.resolve(image.pinned(), List.of(Platform.parse("linux/aarch64")));
    assertThat(pinned.digest()).isEqualTo(image.digest());
    assertThat(pinned.manifests()).hasSize(1);
  }

  @Test
  @DisplayName("When a platform the index lacks is asked, then the error names the reference and the platform")
  void missingPlatform() {
    assertThatThrownBy(() -> client.resolve(app, List.of(Platform.LINUX_AMD64, Platform.parse("linux/s390x"))))
        .isInstanceOf(MissingPlatformException.class)
        .hasMessage(app + " has no image for linux/s390x (it has: linux/amd64, linux/arm64/v8)");
  }

  @Test
  @DisplayName("When a tag or repository does not exist, then the error names the reference")
  void missingTag() {
    ImageReference missing = app.withTag("2.0");
    assertThatThrownBy(() -> client.resolve(missing, List.of(Platform.LINUX_AMD64)))
        .isInstanceOf(ManifestNotFoundException.class)
        .hasMessage("manifest unknown: " + missing + ": no tag 2.0 in " + registry.host() + "/edge/app");
    ImageReference noRepo = ImageReference.parse(registry.host() + "/edge/nothing:1");
    assertThatThrownBy(() -> client.fetchManifest(noRepo))
        .isInstanceOf(ManifestNotFoundException.class)
        .hasMessageStartingWith("manifest unknown: " + noRepo + ": ");
  }

  @Test
  @DisplayName("When a single-platform Docker image is asked for amd64 and arm64, then arm64 is named missing; amd64 alone resolves")
  void singleArch() throws Exception {
    ImageReference single = ImageReference.parse(registry.host() + "/edge/tool:3");
    Descriptor pushed = content.pushSingleArch(single);

    ResolvedImage image = client.resolve(single, List.of(Platform.LINUX_AMD64));
    assertThat(image.top()).isInstanceOf(ImageManifest.class);
    assertThat(image.digest()).isEqualTo(pushed.digest());
    assertThat(image.top().descriptor().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(image.manifests().get(0).platform()).isEqualTo(Platform.parse("linux/amd64"));
    assertThatThrownBy(() -> client.resolve(single, List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64)))
        .isInstanceOf(MissingPlatformException.class)
        .hasMessage(single + " has no image for linux/arm64 (it has: linux/amd64)");
  }

  @Test
  @DisplayName("When a Helm chart is resolved by oci:// URL and version, then its config and chart layer are returned, "
      + "with no platform check")
  void chart() throws Exception {
    ChartReference chart = ChartReference.parse("oci://" + registry.host() + "/charts/demo", "0.1.0+build.7");
    Descriptor pushed = content.pushChart(chart.image(), "demo", "0.1.0+build.7");

    ResolvedImage image = client.resolve(chart.image(), List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
    assertThat(image.digest()).isEqualTo(pushed.digest());
    assertThat(image.reference().tag()).isEqualTo("0.1.0_build.7");
    assertThat(image.manifests()).singleElement().satisfies(entry -> assertThat(entry.platform()).isNull());
    assertThat(image.blobs()).extracting(Descriptor::mediaType)
        .containsExactly(MediaTypes.HELM_CONFIG, MediaTypes.HELM_CHART_CONTENT);
  }

  @Test
  @DisplayName("When the registry's stored blob was altered, then reading it fails naming the digest; a wrong size fails at once")
  void tamperedBlob() throws Exception {
    ImageReference tampered = ImageReference.parse(registry.host() + "/edge/tampered:1");
    SyntheticContent.MultiArch pushed = content.pushMultiArch(tampered);
    Descriptor layer = pushed.sharedLayer();
    Path data = registry.blobData(layer.digest());
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(data, bytes);

    assertThatThrownBy(() -> {
      try (InputStream in = client.openBlob(tampered, layer)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }).isInstanceOf(BlobVerificationException.class)
        .hasMessageContaining("blob " + layer.digest() + " from " + tampered.repositoryName() + " does not match its digest");

    Descriptor intact = client.pushBlob(tampered, "application/octet-stream", new byte[] {1, 2, 3});
    Descriptor wrongSize = new Descriptor(intact.mediaType(), intact.digest(), 4);
    assertThatThrownBy(() -> client.openBlob(tampered, wrongSize))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + registry.host() + " serves blob " + intact.digest() + " with 3 bytes, but its descriptor says 4");
  }

  @Test
  @DisplayName("When a blob is pushed from a file and again, then it is stored once and reads back verified")
  void pushFile() throws Exception {
    ImageReference repo = ImageReference.parse(registry.host() + "/edge/files:1");
    Path file = dir.resolve("blob.bin");
    byte[] data = new byte[200_000];
    new java.util.Random(7).nextBytes(data);
    Files.write(file, data);

    Descriptor first = client.pushBlob(repo, "application/octet-stream", file);
    Descriptor again = client.pushBlob(repo, "application/octet-stream", file);
    assertThat(again).isEqualTo(first);
    assertThat(first.digest()).isEqualTo(Digest.sha256(data));
    assertThat(client.hasBlob(repo, first.digest())).isTrue();
    assertThat(client.hasBlob(repo, Digest.sha256(new byte[] {1}))).isFalse();
    try (InputStream in = client.openBlob(repo, first)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }
}
