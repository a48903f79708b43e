package dev.lifecycle.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle is read by an independent OCI tool: skopeo (Debian package {@code skopeo}) inspects and copies its
 * images from the decompressed archive ({@code oci-archive:}), checking every blob's digest as it copies.
 * Tagged {@code system}: it runs in the {@code system-tests} profile, which needs skopeo installed.
 */
@Tag("system")
class SkopeoReadsBundleSystemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final TestImages images = new TestImages();

  @Test
  @DisplayName("When skopeo reads a bundle's layout, then it finds each image by its reference and copies it, "
      + "shared layer and narrowed multi-arch index included")
  void skopeoReadsBundle() throws Exception {
    byte[] layerBytes = gzippedTar("etc/motd", "hello from a bundle\n");
    Descriptor layer = images.blob("application/vnd.oci.image.layer.v1.tar+gzip", layerBytes);
    String diffId = sha256(gunzip(layerBytes));
    Descriptor webConfig = images.blob(TestImages.CONFIG, config("amd64", diffId, "web"));
    Descriptor apiConfig = images.blob(TestImages.CONFIG, config("amd64", diffId, "api"));
    InlineManifest web = TestImages.manifest(webConfig, List.of(layer));
    InlineManifest apiAmd64 = TestImages.manifest(apiConfig, List.of(layer));
    Descriptor armConfig = new Descriptor(TestImages.CONFIG, "sha256:" + "c".repeat(64), 300);
    InlineManifest apiArm64 = TestImages.manifest(armConfig, List.of(new Descriptor(layer.mediaType(),
        "sha256:" + "d".repeat(64), 1000)));
    Map<String, InlineManifest> platforms = new LinkedHashMap<>();
    platforms.put("linux/amd64", apiAmd64);
    platforms.put("linux/arm64", apiArm64);
    InlineManifest apiIndex = TestImages.index(platforms);
    BundlePlan plan = new BundlePlan(List.of(new ProfileRef("retail", "1.0.0")), List.of(
        ImagePlan.single("registry.example/retail/web:1.0", web, List.of(webConfig, layer)),
        new ImagePlan("registry.example/retail/api:2.0", List.of("linux/amd64"), apiIndex, List.of(apiAmd64),
            List.of(apiConfig, layer))), List.of());
    BuiltBundle built = new BundleWriter(SigningKey.generate(SignatureAlgorithm.ED25519)).write(plan, images, null,
        dir.resolve("bundle.tar.zst"));
    Path tar = dir.resolve("bundle.tar");
    try (InputStream in = new ZstdInputStream(Files.newInputStream(built.archive()))) {
      Files.copy(in, tar);
    }

    Result raw = skopeo("inspect", "--raw", "oci-archive:" + tar + ":registry.example/retail/web:1.0");
    assertThat(raw.exitCode()).as(raw.output()).isZero();
    assertThat(raw.output()).isEqualTo(new String(web.bytes(), StandardCharsets.UTF_8));

    Result inspect = skopeo("--override-os", "linux", "--override-arch", "amd64", "inspect",
        "oci-archive:" + tar + ":registry.example/retail/api:2.0");
    assertThat(inspect.exitCode()).as(inspect.output()).isZero();
    JsonNode inspected = JSON.readTree(inspect.output());
    assertThat(inspected.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspected.path("Layers").get(0).asText()).isEqualTo(layer.digest());

    Path copy = dir.resolve("copy");
    Result copied = skopeo("--override-os", "linux", "--override-arch", "amd64", "copy",
        "oci-archive:" + tar + ":registry.example/retail/api:2.0", "dir:" + copy);
    assertThat(copied.exitCode()).as(copied.output()).isZero();
    assertThat(copy.resolve(layer.digest().substring("sha256:".length()))).hasBinaryContent(layerBytes);
    assertThat(copy.resolve("manifest.json")).hasBinaryContent(apiAmd64.bytes());
  }

  private static byte[] config(String architecture, String diffId, String name) {
    return ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/" + name + "\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzippedTar(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
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
    List<String> command = new ArrayList<>(List.of("skopeo", "--tmpdir", dir.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
