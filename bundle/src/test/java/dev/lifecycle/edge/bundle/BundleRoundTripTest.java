package dev.lifecycle.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.archive.ContentMismatchException;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final TrustStore TRUST = TrustStore.of(KEY.publicKey());

  @TempDir
  Path dir;

  private final TestImages images = new TestImages();

  @Test
  @DisplayName("When two images share a layer, then the bundle stores it once and verifies into a complete OCI layout")
  void sharedBlobStoredOnce() throws IOException {
    Descriptor shared = images.blob(TestImages.LAYER, 50_000);
    ImagePlan web = images.image("registry.example/web:1.0", shared, images.blob(TestImages.LAYER, 3000));
    ImagePlan api = images.image("registry.example/api:2.1", shared);
    BundlePlan plan = new BundlePlan(List.of(new ProfileRef("retail", "1.4.0")), List.of(web, api), List.of());

    BuiltBundle built = new BundleWriter(KEY).write(plan, images, null, dir.resolve("b.tar.zst"));

    List<TarZst.Entry> entries = TarZst.read(built.archive());
    assertThat(entries).extracting(TarZst.Entry::name).startsWith("bundle.json", "bundle.json.sig", "oci-layout",
        "index.json");
    assertThat(entries).extracting(TarZst.Entry::name).filteredOn(name -> name.equals(shared.layoutPath()))
        .hasSize(1);
    assertThat(images.opened).filteredOn(shared.digest()::equals).hasSize(1);
    // two configs, two manifests, two layers: six blobs
    assertThat(built.blobsWritten()).isEqualTo(6);
    assertThat(built.index().profiles()).containsExactly(new ProfileRef("retail", "1.4.0"));
    List<String> fields = new java.util.ArrayList<>();
    new ObjectMapper().readTree(built.indexBytes()).fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as("a full bundle's bundle.json has no base")
        .containsExactly("format", "formatVersion", "profiles", "images", "charts", "files");
    assertThat(built.index().images()).extracting(BundleIndex.ImageEntry::reference)
        .containsExactly("registry.example/web:1.0", "registry.example/api:2.1");

    BundleVerification result = new BundleVerifier(TRUST).verify(built.archive(), null, dir.resolve("staging"));

    assertThat(result).isInstanceOf(BundleVerification.Accepted.class);
    Path layout = dir.resolve("staging");
    assertThat(Files.readAllBytes(layout.resolve(shared.layoutPath()))).isEqualTo(images.blobs.get(shared.digest()));
    assertThat(Files.readString(layout.resolve("oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
    JsonNode ociIndex = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
    assertThat(ociIndex.path("manifests")).hasSize(2);
    assertThat(ociIndex.path("manifests").get(0).path("digest").asText()).isEqualTo(web.manifest().digest());
    assertThat(ociIndex.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name")
        .asText()).isEqualTo("registry.example/web:1.0");
    assertThat(Files.readAllBytes(layout.resolve(web.manifest().descriptor().layoutPath())))
        .isEqualTo(web.manifest().bytes());
    assertThat(Files.readAllBytes(layout.resolve("bundle.json"))).isEqualTo(built.indexBytes());
    try (Stream<Path> files = Files.list(layout)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("bundle.json", "bundle.json.sig", "oci-layout", "index.json", "blobs");
    }
  }

  @Test
  @DisplayName("When a multi-arch image is planned for one platform, then only that platform's manifest and layers "
      + "are bundled, under the registry's own index")
  void multiArchNarrowed() throws IOException {
    Descriptor amd64Layer = images.blob(TestImages.LAYER, 2000);
    Descriptor config = images.blob(TestImages.CONFIG, 100);
    InlineManifest amd64 = TestImages.manifest(config, List.of(amd64Layer));
    InlineManifest arm64 = TestImages.manifest(config, List.of(new Descriptor(TestImages.LAYER,
        "sha256:" + "ab".repeat(32), 999)));
    Map<String, InlineManifest> platforms = new LinkedHashMap<>();
    platforms.put("linux/amd64", amd64);
    platforms.put("linux/arm64/v8", arm64);
    InlineManifest index = TestImages.index(platforms);
    ImagePlan image = new ImagePlan("registry.example/multi:3", List.of("linux/amd64"), index, List.of(amd64),
        List.of(config, amd64Layer));

    BuiltBundle built = new BundleWriter(KEY).write(new BundlePlan(List.of(), List.of(image), List.of()), images,
        null, dir.resolve("m.tar.zst"));

    assertThat(built.index().images().get(0).manifest()).isEqualTo(index.descriptor());
    assertThat(built.index().images().get(0).platforms()).containsExactly("linux/amd64");
    assertThat(built.index().files()).extracting(ArchiveFile::digest)
        .contains(index.digest(), amd64.digest(), amd64Layer.digest()).doesNotContain(arm64.digest());
    assertThat(new BundleVerifier(TRUST).verify(built.archive(), null, dir.resolve("s")))
        .isInstanceOf(BundleVerification.Accepted.class);
  }

  @Test
  @DisplayName("When a site inventory is given, then the blobs it holds are left out, the base is recorded, and the "
      + "bundle verifies only at a site holding them")
  void deltaBundle() throws IOException {
    Descriptor shared = images.blob(TestImages.LAYER, 10_000);
    ImagePlan old = images.image("registry.example/web:1.0", shared);
    Descriptor fresh = images.blob(TestImages.LAYER, 4000);
    ImagePlan next = images.image("registry.example/web:1.1", shared, fresh);
    SiteInventory site = SiteInventory.of(List.of(shared.digest(), old.manifest().digest(),
        old.blobs().get(0).digest()));

    BuiltBundle delta = new BundleWriter(KEY).write(new BundlePlan(List.of(new ProfileRef("retail", "1.5.0")),
        List.of(next), List.of()), images, site, dir.resolve("d.tar.zst"));

    assertThat(delta.index().base().inventory()).isEqualTo(site.digest());
    assertThat(delta.index().base().blobs()).containsExactly(new BundleIndex.BlobRef(shared.digest(), shared.size()));
    assertThat(delta.index().files()).extracting(ArchiveFile::digest).doesNotContain(shared.digest())
        .contains(fresh.digest());
    assertThat(delta.blobsLeftOut()).isEqualTo(1);
    assertThat(delta.index().isDelta()).isTrue();
    List<String> fields = new java.util.ArrayList<>();
    new ObjectMapper().readTree(delta.indexBytes()).fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as("bundle.json's fields, as docs/bundles.md lists them")
        .containsExactly("format", "formatVersion", "profiles", "base", "images", "charts", "files");
    assertThat(images.opened).doesNotContain(shared.digest());

    assertThat(new BundleVerifier(TRUST).verify(delta.archive(), site, dir.resolve("s1")))
        .isInstanceOf(BundleVerification.Accepted.class);
    BundleVerification elsewhere = new BundleVerifier(TRUST).verify(delta.archive(),
        SiteInventory.of(List.of(fresh.digest())), dir.resolve("s2"));
    assertThat(elsewhere).isInstanceOfSatisfying(BundleVerification.Refused.class, refused -> {
      assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.BASE_MISSING);
      assertThat(refused.refusal().message()).contains(shared.digest()).contains(site.digest());
    });
    assertThat(dir.resolve("s2")).isEmptyDirectory();
  }

  @Test
  @DisplayName("When the blob source serves other content than the descriptor says, then the build fails naming the "
      + "digest and the image, and leaves no archive")
  void sourceMismatchFailsBuild() throws IOException {
    Descriptor layer = images.blob(TestImages.LAYER, 5000);
    ImagePlan image = images.image("registry.example/web:1.0", layer);
    byte[] other = images.blobs.get(layer.digest()).clone();
    other[100] ^= 1;
    BlobSource corrupt = blob -> blob.digest().equals(layer.digest()) ? new ByteArrayInputStream(other)
        : images.open(blob);
    Path target = dir.resolve("x.tar.zst");

    assertThatThrownBy(() -> new BundleWriter(KEY).write(new BundlePlan(List.of(), List.of(image), List.of()),
        corrupt, null, target))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining("blob " + layer.digest())
        .hasMessageContaining("image registry.example/web:1.0")
        .hasMessageContaining("has digest sha256:");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @DisplayName("When the blob source serves fewer bytes than declared, then the build fails naming the digest")
  void shortSourceFailsBuild() {
    Descriptor layer = images.blob(TestImages.LAYER, 5000);
    ImagePlan image = images.image("registry.example/web:1.0", layer);
    BlobSource shortSource = blob -> {
      InputStream full = images.open(blob);
      return blob.digest().equals(layer.digest()) ? new ByteArrayInputStream(full.readNBytes(4000)) : full;
    };

    assertThatThrownBy(() -> new BundleWriter(KEY).write(new BundlePlan(List.of(), List.of(image), List.of()),
        shortSource, null, dir.resolve("x.tar.zst")))
        .isInstanceOf(ContentMismatchException.class)
        .hasMessageContaining(layer.digest())
        .hasMessageContaining("ended after 4000 bytes, but 5000 are declared");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @DisplayName("When the blob source fails while streaming, gives more than declared, or cannot open a blob, then "
      + "the build fails naming the blob and leaves no archive")
  void sourceFailures() {
    Descriptor layer = images.blob(TestImages.LAYER, 600_000);
    ImagePlan image = images.image("registry.example/web:1.0", layer);
    BundlePlan plan = new BundlePlan(List.of(), List.of(image), List.of());
    byte[] content = images.blobs.get(layer.digest());
    BlobSource breaksMidway = blob -> !blob.digest().equals(layer.digest()) ? images.open(blob) : new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served == 400_000) {
          throw new IOException("connection reset by the registry");
        }
        return content[served++] & 0xff;
      }
    };
    BlobSource longer = blob -> !blob.digest().equals(layer.digest()) ? images.open(blob)
        : new java.io.SequenceInputStream(new ByteArrayInputStream(content), new ByteArrayInputStream(new byte[1]));
    BlobSource unreachable = blob -> {
      throw new IOException("registry.example: 503");
    };
    BlobSource buggy = blob -> !blob.digest().equals(layer.digest()) ? images.open(blob) : new InputStream() {
      @Override
      public int read() {
        throw new IllegalStateException("a bug in the registry client");
      }
    };

    assertThatThrownBy(() -> new BundleWriter(KEY).write(plan, breaksMidway, null, dir.resolve("x.tar.zst")))
        .isInstanceOf(IOException.class).hasMessageContaining("connection reset by the registry");
    assertThatThrownBy(() -> new BundleWriter(KEY).write(plan, longer, null, dir.resolve("x.tar.zst")))
        .isInstanceOf(ContentMismatchException.class).hasMessageContaining(layer.digest())
        .hasMessageContaining("more than the 600000 bytes declared");
    assertThatThrownBy(() -> new BundleWriter(KEY).write(plan, unreachable, null, dir.resolve("x.tar.zst")))
        .isInstanceOf(IOException.class).hasMessageContaining("registry.example: 503")
        .hasMessageContaining("image registry.example/web:1.0");
    assertThatThrownBy(() -> new BundleWriter(KEY).write(plan, buggy, null, dir.resolve("x.tar.zst")))
        .isInstanceOf(IOException.class).hasRootCauseMessage("a bug in the registry client");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @DisplayName("When an ECDSA P-256 key signs, then a trust store holding its public key accepts the bundle")
  void ecdsaSignedBundle() throws IOException {
    SigningKey ecdsa = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    ImagePlan image = images.image("registry.example/web:1.0", images.blob(TestImages.LAYER, 100));
    BuiltBundle built = new BundleWriter(ecdsa).write(new BundlePlan(List.of(), List.of(image), List.of()), images,
        null, dir.resolve("e.tar.zst"));

    assertThat(built.signature().algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(new BundleVerifier(TrustStore.of(KEY.publicKey(), ecdsa.publicKey()))
        .verify(built.archive(), null, dir.resolve("s"))).isInstanceOf(BundleVerification.Accepted.class);
  }

  @Test
  @DisplayName("When a chart is bundled, then bundle.json lists it by reference and its manifest is in the layout")
  void chartBundled() throws IOException {
    Descriptor chartConfig = images.blob("application/vnd.cncf.helm.config.v1+json", 120);
    Descriptor chartContent = images.blob("application/vnd.cncf.helm.chart.content.v1.tar+gzip", 4000);
    InlineManifest manifest = TestImages.manifest(chartConfig, List.of(chartContent));
    ChartPlan chart = new ChartPlan("oci://registry.example/charts/app:1.2.0", manifest,
        List.of(chartConfig, chartContent));

    BuiltBundle built = new BundleWriter(KEY).write(new BundlePlan(List.of(), List.of(), List.of(chart)), images,
        null, dir.resolve("c.tar.zst"));

    assertThat(built.index().charts()).containsExactly(
        new BundleIndex.ChartEntry("oci://registry.example/charts/app:1.2.0", manifest.descriptor()));
    BundleVerification result = new BundleVerifier(TRUST).verify(built.archive(), null, dir.resolve("s"));
    assertThat(result).isInstanceOfSatisfying(BundleVerification.Accepted.class, accepted ->
        assertThat(accepted.archive().directory().resolve(chartContent.layoutPath())).hasBinaryContent(
            images.blobs.get(chartContent.digest())));
  }
}
