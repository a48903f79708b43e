package dev.lifecycle.edge.site.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.TestImages;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.content.UploadOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client pulls from the site registry: skopeo (Debian package {@code skopeo}) lists tags, inspects and
 * copies images out of it into {@code dir:} layouts, checking every blob's digest as it copies; the copies hold the
 * bundle's manifests and blobs, byte for byte. Tagged {@code system}: runs in the {@code system-tests} profile.
 */
@Tag("system")
class SkopeoPullsSiteRegistrySystemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  @DisplayName("When skopeo copies images from the site registry by tag and by digest (an index with --all), then "
      + "the copies have the bundle's digests")
  void skopeoCopies() throws Exception {
    TestImages images = new TestImages(3);
    byte[] layerBytes = gzippedTar("etc/motd", "hello from the site registry\n");
    Descriptor layer = images.blob(TestImages.LAYER, layerBytes);
    String diffId = sha256(gunzip(layerBytes));
    Descriptor webConfig = images.blob(TestImages.CONFIG, config("amd64", diffId));
    InlineManifest web = TestImages.manifest(webConfig, List.of(layer));
    byte[] armLayerBytes = gzippedTar("etc/motd", "hello from arm64\n");
    Descriptor armLayer = images.blob(TestImages.LAYER, armLayerBytes);
    Descriptor armConfig = images.blob(TestImages.CONFIG, config("arm64", sha256(gunzip(armLayerBytes))));
    InlineManifest arm = TestImages.manifest(armConfig, List.of(armLayer));
    Map<String, InlineManifest> platforms = new LinkedHashMap<>();
    platforms.put("linux/amd64", web);
    platforms.put("linux/arm64", arm);
    InlineManifest index = TestImages.index(platforms);
    BuiltBundle bundle = new BundleWriter(TestBundles.KEY).write(new BundlePlan(
        List.of(new ProfileRef("retail", "1.0.0")), List.of(
            ImagePlan.single("registry.example.com/retail/web:1.0", web, List.of(webConfig, layer)),
            new ImagePlan("docker.io/library/api:2.0", List.of("linux/amd64", "linux/arm64"), index, List.of(web, arm),
                List.of(webConfig, layer, armConfig, armLayer))), List.of()), images, null,
        dir.resolve("bundle.tar.zst"));
    ContentStore store = ContentStore.open(dir.resolve("content"), TestBundles.TRUST, ContentLimits.defaults(),
        Clock.systemUTC());
    try (InputStream in = Files.newInputStream(bundle.archive())) {
      assertThat(store.upload(in, null)).isInstanceOf(UploadOutcome.Stored.class);
    }
    Router router = Router.router(vertx);
    SiteRegistryRoutes.mount(router, store);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get();
    String host = "127.0.0.1:" + server.actualPort();

    Result tags = skopeo("list-tags", "--tls-verify=false", "docker://" + host + "/retail/web");
    assertThat(tags.exitCode()).as(tags.output()).isZero();
    assertThat(JSON.readTree(tags.output()).path("Tags").toString()).isEqualTo("[\"1.0\"]");

    Result raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + host + "/retail/web:1.0");
    assertThat(raw.exitCode()).as(raw.output()).isZero();
    assertThat(raw.output()).isEqualTo(new String(web.bytes(), StandardCharsets.UTF_8));

    Path byTag = dir.resolve("by-tag");
    Result copy = skopeo("copy", "--src-tls-verify=false", "docker://" + host + "/retail/web:1.0", "dir:" + byTag);
    assertThat(copy.exitCode()).as(copy.output()).isZero();
    assertThat(sha256(Files.readAllBytes(byTag.resolve("manifest.json")))).isEqualTo(web.digest());
    assertThat(blobDigests(byTag)).containsExactlyInAnyOrder(webConfig.digest(), layer.digest());

    Path byDigest = dir.resolve("by-digest");
    Result all = skopeo("copy", "--all", "--src-tls-verify=false",
        "docker://" + host + "/library/api@" + index.digest(), "dir:" + byDigest);
    assertThat(all.exitCode()).as(all.output()).isZero();
    assertThat(sha256(Files.readAllBytes(byDigest.resolve("manifest.json")))).isEqualTo(index.digest());
    assertThat(blobDigests(byDigest)).contains(webConfig.digest(), layer.digest(), armConfig.digest(),
        armLayer.digest());

    Result missing = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + host + "/retail/web:9.9");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("manifest unknown");
  }

  /** Every file of a dir: copy named by a hex digest, checked against its content. */
  private static List<String> blobDigests(Path copy) throws Exception {
    List<String> digests = new ArrayList<>();
    try (Stream<Path> files = Files.list(copy)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.matches("[0-9a-f]{64}")) {
          assertThat(sha256(Files.readAllBytes(file))).isEqualTo("sha256:" + name);
          digests.add("sha256:" + name);
        }
      }
    }
    return digests;
  }

  private static byte[] config(String architecture, String diffId) {
    return ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/true\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzippedTar(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] gunzip(byte[] gzipped) throws IOException {
    try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private record Result(int exitCode, String output) {
  }

  private Result skopeo(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "--tmpdir", dir.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
