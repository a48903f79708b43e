package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.BundleIndex;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.oci.DistributionRegistry;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.RegistryClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bundle build} and {@code bundle verify} against the real distribution registry (Debian package
 * docker-registry), filled with small multi-arch images and a Helm chart that real Helm packaged and pushed; the
 * bundle read back by skopeo (Debian package skopeo).
 */
@Tag("system")
class BundleBuildSystemTest {

  @TempDir
  static Path dir;
  static DistributionRegistry registry;
  static String host;
  static RegistryContent content;
  static RegistryContent.Pushed os;
  static RegistryContent.Pushed k3s;
  static RegistryContent.Pushed pause;
  static RegistryContent.Pushed web;
  static RegistryContent.Pushed migrate;
  static RegistryContent.Pushed cleanup;
  static RegistryContent.Pushed legacy;
  static Set<String> chartDigests;
  static Path signKey;
  static Path trust;
  static int builds;

  @BeforeAll
  static void fill() throws Exception {
    registry = DistributionRegistry.anonymous(Files.createDirectories(dir.resolve("registry")));
    host = registry.host();
    RegistryClient client = RegistryClient.builder().plainHttp(host).build();
    content = new RegistryContent(client);
    RegistryContent.Layer base = content.layer(ref("edge/base:1"), "base", "the base layer every image shares");
    os = content.multiArch(ref("edge/os:1.4.0"), base, "amd64", "arm64");
    k3s = content.multiArch(ref("edge/k3s:1.30.4"), base, "amd64", "arm64");
    pause = content.multiArch(ref("k3s/pause:3.9"), base, "amd64", "arm64");
    web = content.multiArch(ref("app/web:1.0"), base, "amd64", "arm64");
    migrate = content.multiArch(ref("app/migrate:2.0"), base, "amd64", "arm64");
    cleanup = content.multiArch(ref("app/cleanup:3"), base, "amd64", "arm64");
    legacy = content.single(ref("app/legacy:1"), "amd64");
    RegistryContent.helmPush(RegistryContent.packageWebChart(dir, "1.0.0"), host);
    var chart = client.resolve(ref("charts/web:1.0.0"), List.of());
    chartDigests = new LinkedHashSet<>();
    chartDigests.add(chart.digest().toString());
    chart.blobs().forEach(blob -> chartDigests.add(blob.digest().toString()));
    List<Path> keyFiles = SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("forge"));
    signKey = keyFiles.get(0);
    trust = keyFiles.get(1);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @DisplayName("When the profiles' layers name images, extraImages and a chart, then the bundle holds exactly those "
      + "images for both platforms, the images the chart's Deployment, init container and CronJob name, and the "
      + "chart, each blob once, signed, and bundle verify accepts it")
  void buildsExactlyWhatTheProfilesNeed() throws Exception {
    Path out = dir.resolve("full.tar.zst");
    long started = System.nanoTime();
    Run build = bundle("build", "--profile-file", profile(values("1.0", "2.0", "3"), "1.0.0", "", "").toString(),
        "--platform", "linux/amd64,linux/arm64", "--plain-http", host, "--sign-key", signKey.toString(),
        "--out", out.toString());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(build.exit()).as(build.err()).isZero();
    System.out.printf("bundle build: %d ms, %d bytes archive%n", millis, Files.size(out));

    Path layout = dir.resolve("full-layout");
    Run verify = bundle("verify", "--trust", trust.toString(), "--in", out.toString(), "--extract", layout.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("verified " + out + ": signed by sha256:");

    BundleIndex index = BundleIndex.parse(Files.readAllBytes(layout.resolve("bundle.json")));
    assertThat(index.profiles()).extracting(p -> p.name() + " " + p.version()).containsExactly("store-edge 1.1.0");
    assertThat(index.images()).extracting(BundleIndex.ImageEntry::reference).containsExactlyInAnyOrder(
        os.reference().toString(), k3s.reference().toString(), pause.reference().toString(),
        web.reference().toString(), migrate.reference().toString(), cleanup.reference().toString());
    assertThat(index.images()).allSatisfy(image ->
        assertThat(image.platforms()).containsExactly("linux/amd64", "linux/arm64"));
    assertThat(index.images()).filteredOn(image -> image.reference().equals(web.reference().toString()))
        .singleElement().satisfies(image -> assertThat(image.manifest().digest()).isEqualTo(web.top().digest().toString()));
    assertThat(index.charts()).extracting(BundleIndex.ChartEntry::reference)
        .containsExactly("oci://" + host + "/charts/web:1.0.0");

    Set<String> expected = new HashSet<>(chartDigests);
    Stream.of(os, k3s, pause, web, migrate, cleanup).forEach(image -> expected.addAll(image.digests()));
    List<String> blobFiles = index.files().stream().map(ArchiveFile::digest)
        .filter(digest -> !digest.equals(fileDigest(index, "oci-layout")) && !digest.equals(fileDigest(index, "index.json")))
        .toList();
    assertThat(blobFiles).doesNotHaveDuplicates();
    assertThat(new HashSet<>(blobFiles)).isEqualTo(expected);
    // 6 images x (index + 2 x (manifest, config, own layer)) + 1 shared base layer + chart (manifest, config, tgz)
    assertThat(blobFiles).hasSize(6 * 7 + 1 + 3);
    for (String digest : blobFiles) {
      if (content.blobs.containsKey(digest)) {
        assertThat(layout.resolve("blobs/sha256/" + digest.substring(7))).hasBinaryContent(content.blobs.get(digest));
      }
    }
  }

  @Test
  @DisplayName("When the image only a chart's rendered Deployment names is missing, then the build fails naming it, "
      + "the container, the chart and the layer, and writes nothing")
  void deploymentImageMissing() throws Exception {
    assertFails(profile(values("1.1", "2.0", "3"), "1.0.0", "", ""),
        "image " + host + "/app/web:1.1 (container of Deployment web, rendered from chart oci://" + host
            + "/charts/web 1.0.0 of layer 'web' in profile store-edge 1.1.0): manifest unknown: " + host
            + "/app/web:1.1: no tag 1.1 in " + host + "/app/web");
  }

  @Test
  @DisplayName("When the image of a rendered init container is missing, then the build fails naming the init container")
  void initContainerImageMissing() throws Exception {
    assertFails(profile(values("1.0", "2.1", "3"), "1.0.0", "", ""),
        "image " + host + "/app/migrate:2.1 (initContainer of Deployment web, rendered from chart oci://" + host
            + "/charts/web 1.0.0 of layer 'web' in profile store-edge 1.1.0): manifest unknown: ");
  }

  @Test
  @DisplayName("When the image of a rendered CronJob is missing, then the build fails naming the CronJob")
  void cronJobImageMissing() throws Exception {
    assertFails(profile(values("1.0", "2.0", "4"), "1.0.0", "", ""),
        "image " + host + "/app/cleanup:4 (container of CronJob cleanup, rendered from chart oci://" + host
            + "/charts/web 1.0.0 of layer 'web' in profile store-edge 1.1.0): manifest unknown: ");
  }

  @Test
  @DisplayName("When a layer's image tag does not exist, then the build fails naming the reference and the layer")
  void missingTag() throws Exception {
    assertFails(profile(values("1.0", "2.0", "3"), "1.0.0", "9.9", ""),
        "image " + host + "/edge/os:9.9 (layer 'edge-os' in profile store-edge 1.1.0): manifest unknown: " + host
            + "/edge/os:9.9: no tag 9.9 in " + host + "/edge/os");
  }

  @Test
  @DisplayName("When an extra image lacks one of the platforms, then the build fails naming the platform and the layer")
  void wrongPlatform() throws Exception {
    assertFails(profile(values("1.0", "2.0", "3"), "1.0.0", "", legacy.reference().toString()),
        "image " + legacy.reference() + " (extraImages of layer 'k3s' in profile store-edge 1.1.0): "
            + legacy.reference() + " has no image for linux/arm64 (it has: linux/amd64)");
  }

  @Test
  @DisplayName("When a chart version is not in the registry, then the build fails naming the chart and the layer; "
      + "with several problems, each is named")
  void chartMissingAndSeveralProblems() throws Exception {
    Run run = assertFails(profile(values("1.0", "2.0", "3"), "2.0.0", "9.9", legacy.reference().toString()),
        "chart oci://" + host + "/charts/web 2.0.0 (layer 'web' in profile store-edge 1.1.0): manifest unknown: ");
    assertThat(run.err()).contains("nothing was written: 3 missing")
        .contains("image " + host + "/edge/os:9.9 (layer 'edge-os'")
        .contains("image " + legacy.reference() + " (extraImages of layer 'k3s'");
  }

  @Test
  @DisplayName("When a site's inventory holds the os image, then the delta bundle leaves out its blobs and names them "
      + "as its base; verify accepts it with that inventory and refuses it without")
  void delta() throws Exception {
    Path inventory = Files.write(dir.resolve("inventory.json"), SiteInventory.of(os.digests()).toJson());
    Path out = dir.resolve("delta.tar.zst");
    Run build = bundle("build", "--profile-file", profile(values("1.0", "2.0", "3"), "1.0.0", "", "").toString(),
        "--platform", "linux/amd64,linux/arm64", "--plain-http", host, "--sign-key", signKey.toString(),
        "--inventory", inventory.toString(), "--out", out.toString());
    assertThat(build.exit()).as(build.err()).isZero();
    assertThat(build.out()).contains(os.digests().size() + " left out (held by the site)");

    Path layout = dir.resolve("delta-layout");
    Run verify = bundle("verify", "--trust", trust.toString(), "--in", out.toString(), "--inventory",
        inventory.toString(), "--extract", layout.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("delta: needs the site inventory " + SiteInventory.of(os.digests()).digest());
    BundleIndex index = BundleIndex.parse(Files.readAllBytes(layout.resolve("bundle.json")));
    assertThat(index.base().blobs()).extracting(BundleIndex.BlobRef::digest)
        .containsExactlyInAnyOrderElementsOf(os.digests());
    assertThat(index.files()).extracting(ArchiveFile::digest).doesNotContainAnyElementsOf(os.digests());
    assertThat(index.images()).extracting(BundleIndex.ImageEntry::reference).contains(os.reference().toString());

    Run refused = bundle("verify", "--trust", trust.toString(), "--in", out.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("refused " + out + ": BASE_MISSING");
  }

  @Test
  @DisplayName("When skopeo reads the layout of a bundle this project built, then it finds each image by its "
      + "reference, with the registry's digest, and copies the arm64 image with the pushed manifest and layers")
  void skopeoReadsTheBundle() throws Exception {
    Path out = dir.resolve("for-skopeo.tar.zst");
    Run build = bundle("build", "--profile-file", profile(values("1.0", "2.0", "3"), "1.0.0", "", "").toString(),
        "--platform", "linux/amd64,linux/arm64", "--plain-http", host, "--sign-key", signKey.toString(),
        "--out", out.toString());
    assertThat(build.exit()).as(build.err()).isZero();
    Path layout = dir.resolve("skopeo-layout");
    assertThat(bundle("verify", "--trust", trust.toString(), "--in", out.toString(), "--extract", layout.toString())
        .exit()).isZero();

    Skopeo raw = skopeo("inspect", "--raw", "oci:" + layout + ":" + web.reference());
    assertThat(raw.exit()).as(raw.output()).isZero();
    assertThat(raw.output().getBytes(StandardCharsets.UTF_8)).isEqualTo(web.topBytes());

    Skopeo inspect = skopeo("--override-os", "linux", "--override-arch", "amd64", "inspect",
        "oci:" + layout + ":" + migrate.reference());
    assertThat(inspect.exit()).as(inspect.output()).isZero();
    assertThat(inspect.output()).contains("\"Digest\": \"" + migrate.top().digest() + "\"")
        .contains("\"Architecture\": \"amd64\"");

    Path copy = dir.resolve("skopeo-copy");
    Skopeo copied = skopeo("--override-os", "linux", "--override-arch", "arm64", "copy",
        "oci:" + layout + ":" + cleanup.reference(), "dir:" + copy);
    assertThat(copied.exit()).as(copied.output()).isZero();
    assertThat(copy.resolve("manifest.json")).hasBinaryContent(cleanup.manifestBytes().get("linux/arm64"));
    for (String digest : cleanup.digests()) {
      Path file = copy.resolve(digest.substring(7));
      if (Files.exists(file)) {
        assertThat(file).hasBinaryContent(content.blobs.get(digest));
      }
    }
    try (Stream<Path> files = Files.list(copy)) {
      // the arm64 config, the shared layer and its own layer, beside manifest.json and version
      assertThat(files.filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}")).count()).isEqualTo(3);
    }
  }

  private Run assertFails(Path profile, String expected) throws Exception {
    Path out = dir.resolve("failed-" + (++builds) + ".tar.zst");
    Run run = bundle("build", "--profile-file", profile.toString(), "--platform", "linux/amd64,linux/arm64",
        "--plain-http", host, "--sign-key", signKey.toString(), "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("bundle build: the bundle is incomplete, nothing was written").contains(expected);
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.startsWith("failed-") || name.contains(".partial"));
    }
    return run;
  }

  private static String values(String webTag, String migrateTag, String cleanupTag) {
    return "{registry: \"" + host + "\", webTag: \"" + webTag + "\", migrateTag: \"" + migrateTag
        + "\", cleanupTag: \"" + cleanupTag + "\"}";
  }

  /** Profile store-edge 1.1.0: os and k3s images (k3s with extraImages), the web chart with these values. */
  private static Path profile(String values, String chartVersion, String osTag, String extraImage) throws Exception {
    String yaml = """
        apiVersion: edge.lifecycle.dev/v1alpha1
        kind: ClusterProfile
        metadata:
          name: store-edge-1.1.0
          labels:
            edge.lifecycle.dev/profile: store-edge
        spec:
          version: 1.1.0
          layers:
            - name: edge-os
              type: os
              version: 1.4.0
              image: %1$s/edge/os:%2$s
            - name: k3s
              type: kubernetes
              version: 1.30.4
              image: %1$s/edge/k3s:1.30.4
              extraImages: [%1$s/k3s/pause:3.9%3$s]
            - name: web
              type: addon
              version: %4$s
              chart:
                repository: oci://%1$s/charts
                name: web
              values: %5$s
        """.formatted(host, osTag.isEmpty() ? "1.4.0" : osTag, extraImage.isEmpty() ? "" : ", " + extraImage,
        chartVersion, values);
    Path file = Files.createTempFile(dir, "profile-", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String fileDigest(BundleIndex index, String path) {
    return index.files().stream().filter(file -> file.path().equals(path)).findFirst().orElseThrow().digest();
  }

  private static ImageReference ref(String path) {
    return ImageReference.parse(host + "/" + path);
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run bundle(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BundleCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Skopeo(int exit, String output) {
  }

  private static Skopeo skopeo(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo", "--tmpdir", dir.toString()));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError("this test needs skopeo: apt-get install -y skopeo", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Skopeo(process.exitValue(), output);
  }
}
