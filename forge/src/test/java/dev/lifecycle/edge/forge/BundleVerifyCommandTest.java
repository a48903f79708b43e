package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BundleVerifyCommandTest {

  @TempDir
  Path dir;
  Path bundle;
  Path trusted;
  String layerDigest;

  @BeforeEach
  void writeBundle() throws Exception {
    byte[] layer = "a layer".getBytes(StandardCharsets.UTF_8);
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Descriptor layerDescriptor = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", sha256(layer), layer.length);
    Descriptor configDescriptor = new Descriptor("application/vnd.oci.image.config.v1+json", sha256(config), config.length);
    layerDigest = layerDescriptor.digest();
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
        + "{\"mediaType\":\"" + configDescriptor.mediaType() + "\",\"digest\":\"" + configDescriptor.digest()
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + layerDescriptor.mediaType()
        + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    BundlePlan plan = new BundlePlan(List.of(new ProfileRef("store-edge", "1.1.0")), List.of(ImagePlan.single(
        "registry.local/app/web:1.0", new InlineManifest("application/vnd.oci.image.manifest.v1+json", manifest),
        List.of(configDescriptor, layerDescriptor))), List.of());
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    trusted = key.writeFiles(dir.resolve("forge")).get(1);
    bundle = dir.resolve("b.tar.zst");
    new BundleWriter(key).write(plan, blob -> new ByteArrayInputStream(blob.digest().equals(layerDigest) ? layer : config),
        null, bundle);
  }

  @Test
  @DisplayName("When the bundle is signed by a trusted key, then verify exits 0 and prints its profiles and images; "
      + "with --extract the verified layout stays")
  void accepted() {
    Path layout = dir.resolve("layout");
    Run run = verify("--trust", trusted.toString(), "--in", bundle.toString(), "--extract", layout.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("verified " + bundle + ": signed by sha256:")
        .contains("profiles: store-edge 1.1.0")
        .contains("image registry.local/app/web:1.0 sha256:");
    assertThat(layout.resolve("blobs/sha256/" + layerDigest.substring(7))).hasContent("a layer");
    assertThat(layout.resolve("index.json")).exists();
  }

  @Test
  @DisplayName("When the bundle is signed by a key not trusted, then verify exits 1 with the reason and keeps nothing")
  void untrusted() throws Exception {
    Path other = SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("other")).get(1);
    Path layout = dir.resolve("layout");
    Run run = verify("--trust", other.toString(), "--in", bundle.toString(), "--extract", layout.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("bundle verify: refused " + bundle + ": UNTRUSTED_KEY");
    assertThat(layout).satisfiesAnyOf(path -> assertThat(path).doesNotExist(), path -> assertThat(path).isEmptyDirectory());
  }

  @Test
  @DisplayName("When a byte of the bundle is flipped, then verify refuses it")
  void tampered() throws Exception {
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(bundle, bytes);
    Run run = verify("--trust", trusted.toString(), "--in", bundle.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("bundle verify: refused " + bundle + ": ");
  }

  @Test
  @DisplayName("When --extract names a directory that is not empty or --in does not exist, then verify exits 2 saying so")
  void badOptions() throws Exception {
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("x"), "x");
    Run notEmpty = verify("--trust", trusted.toString(), "--in", bundle.toString(), "--extract", full.toString());
    assertThat(notEmpty.exit()).isEqualTo(2);
    assertThat(notEmpty.err()).contains("--extract " + full + " is not empty");

    Run missing = verify("--trust", trusted.toString(), "--in", dir.resolve("nope.tar.zst").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run verify(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "verify";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = new CommandLine(new BundleCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
