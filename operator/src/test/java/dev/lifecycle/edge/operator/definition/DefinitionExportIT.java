package dev.lifecycle.edge.operator.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.operator.keys.KeysCommand;
import dev.lifecycle.edge.operator.profile.ClusterProfileReconciler;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * edge-operator.jar definition export/verify and keys generate/rotate as a user runs them (picocli, the kubeconfig
 * of an embedded API), on profiles the real ClusterProfileReconciler judged; the archives checked with the bundle
 * module's verifier.
 */
class DefinitionExportIT {

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClass(List.of(ClusterProfileReconciler::new));
  private static final String KUBECONFIG_PROPERTY = "kubeconfig";
  private static String previousKubeconfig;

  @TempDir
  static Path kubeconfigDir;
  @TempDir
  Path dir;
  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void pointAtTheApi() {
    previousKubeconfig = System.getProperty(KUBECONFIG_PROPERTY);
    System.setProperty(KUBECONFIG_PROPERTY,
        harness.api().writeKubeconfig(kubeconfigDir.resolve("kubeconfig")).toString());
  }

  @AfterAll
  static void restore() {
    if (previousKubeconfig == null) {
      System.clearProperty(KUBECONFIG_PROPERTY);
    } else {
      System.setProperty(KUBECONFIG_PROPERTY, previousKubeconfig);
    }
  }

  @BeforeEach
  void namespace() {
    client = harness.client();
    namespace = harness.newNamespace("definition");
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run definition(String... args) {
    return run(new DefinitionCommand(), args);
  }

  private static Run keys(String... args) {
    return run(new KeysCommand(), args);
  }

  /** Creates {@code <family>-<version>} and waits for the operator to judge it. */
  private ClusterProfile create(String family, String version, boolean valid) {
    ClusterProfile profile = Profiles.withVariables(Fixtures.profile(namespace, family + "-" + version, version));
    profile.getMetadata().setLabels(new HashMap<>(Map.of(ApiGroup.PROFILE_LABEL, family)));
    if (!valid) {
      // A problem the API's schema cannot see (it refuses those it can): only the operator judges it Invalid.
      profile.getSpec().getVariables().get(0).setPattern("^[0-9{4}$");
    }
    client.resource(profile).create();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      ClusterProfile read = client.resources(ClusterProfile.class).inNamespace(namespace)
          .withName(profile.getMetadata().getName()).get();
      assertThat(read.getStatus()).isNotNull();
      assertThat(read.getStatus().condition(ConditionTypes.READY)).hasValueSatisfying(ready ->
          assertThat(ready.getReason()).isNotNull().isNotEqualTo("Unknown"));
      assertThat(read.getStatus().condition(ConditionTypes.READY).orElseThrow().isTrue()).isEqualTo(valid);
    });
    return profile;
  }

  private Path generateKey(String name, String algorithm) {
    Path key = dir.resolve(name + ".pem");
    Run generated = keys("generate", "--algorithm", algorithm, "--out", key.toString());
    assertThat(generated.exit()).as(generated.err()).isZero();
    return key;
  }

  private static Path pub(Path key) {
    return key.resolveSibling(key.getFileName().toString().replace(".pem", ".pub.pem"));
  }

  private VerifiedDefinition verify(Path archive, DefinitionVerifier verifier, Path staging) throws Exception {
    try (InputStream in = Files.newInputStream(archive)) {
      return verifier.verify(in, staging);
    }
  }

  /**
   * The archive with {@code from} replaced by {@code to} (same length) inside its tar, recompressed: a valid
   * archive whose content was edited, as someone would edit a file of it.
   */
  private static byte[] editTar(byte[] archive, String from, String to) throws Exception {
    assertThat(to).hasSameSizeAs(from);
    byte[] tar;
    try (InputStream in = new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(archive))) {
      tar = in.readAllBytes();
    }
    String text = new String(tar, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    assertThat(at).as("%s in the tar", from).isNotNegative();
    byte[] edited = (text.substring(0, at) + to + text.substring(at + from.length()))
        .getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream zstd = new com.github.luben.zstd.ZstdOutputStream(out)) {
      zstd.write(edited);
    }
    return out.toByteArray();
  }

  private static JsonNode yaml(Path file) throws Exception {
    return new YAMLMapper().readTree(file.toFile());
  }

  @Test
  @DisplayName("When Ready versions of a profile are exported with a signing key, then the archive verifies against "
      + "the public key with their stripped manifests and variables, and definition verify lists them")
  void signedExport() throws Exception {
    create("retail", "1.4.0", true);
    create("retail", "1.5.0", true);
    Path key = generateKey("signing", "ed25519");
    Path archive = dir.resolve("store-edge.definition.tar.zst");

    Run export = definition("export", "--namespace", namespace, "--profile", "retail-1.5.0", "--profile",
        "retail-1.4.0", "--sign-key", key.toString(), "--out", archive.toString());

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).contains("Wrote " + archive, "signed by key sha256:", "(Ed25519)",
        "retail-1.5.0  profile retail version 1.5.0  variables: storeId, dbPassword", "retail-1.4.0");
    TrustStore trust = TrustStore.fromPem(Files.readString(pub(key)));
    VerifiedDefinition verified = verify(archive, DefinitionVerifier.signedBy(trust), dir.resolve("staging"));
    assertThat(verified.signer()).isEqualTo(SigningKey.read(key).keyId());
    assertThat(verified.index().namespace()).isEqualTo(namespace);
    assertThat(verified.index().signedBy()).isEqualTo(SigningKey.read(key).keyId().value());
    assertThat(verified.index().profiles()).extracting(DefinitionIndex.Profile::name)
        .containsExactly("retail-1.5.0", "retail-1.4.0");
    DefinitionIndex.Profile newest = verified.index().profiles().get(0);
    String manifestText = Files.readString(verified.manifest(newest));
    assertThat(manifestText).doesNotContain("uid", "resourceVersion", "managedFields", "status", namespace);
    ClusterProfile stored = client.resources(ClusterProfile.class).inNamespace(namespace).withName("retail-1.5.0")
        .get();
    assertThat(stored.getMetadata().getUid()).isNotBlank();
    JsonNode manifest = yaml(verified.manifest(newest));
    assertThat(manifest.path("spec").path("layers")).extracting(layer -> layer.path("name").asText())
        .containsExactlyElementsOf(stored.getSpec().getLayers().stream().map(ProfileLayer::getName).toList());
    assertThat(yaml(verified.variables(newest)).path("variables")).extracting(v -> v.path("name").asText())
        .containsExactly("storeId", "dbPassword");

    Run verifyRun = definition("verify", "--trust", pub(key).toString(), "--in", archive.toString());
    assertThat(verifyRun.exit()).as(verifyRun.err()).isZero();
    assertThat(verifyRun.out()).contains("signed by trusted key " + SigningKey.read(key).keyId(),
        "retail-1.5.0  profile retail version 1.5.0", "retail-1.4.0  profile retail version 1.4.0");
  }

  @Test
  @DisplayName("When a signed definition is damaged, has a profile or its index edited, or is verified against "
      + "another key, then verification "
      + "refuses it with the reason and keeps nothing")
  void tamperedAndUntrusted() throws Exception {
    create("retail", "1.5.0", true);
    Path key = generateKey("signing", "ecdsa-p256");
    Path archive = dir.resolve("def.tar.zst");
    assertThat(definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--sign-key", key.toString(),
        "--out", archive.toString()).exit()).isZero();
    TrustStore trust = TrustStore.fromPem(Files.readString(pub(key)));

    byte[] bytes = Files.readAllBytes(archive);
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 0x01;
    Path tampered = dir.resolve("tampered.tar.zst");
    Files.write(tampered, flipped);
    Path staging = dir.resolve("staging");
    assertThatThrownBy(() -> verify(tampered, DefinitionVerifier.signedBy(trust), staging))
        .isInstanceOf(RefusedException.class);
    assertThat(staging).isEmptyDirectory();
    Run refused = definition("verify", "--trust", pub(key).toString(), "--in", tampered.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("refused: ");

    Path editedProfile = dir.resolve("edited-profile.tar.zst");
    Files.write(editedProfile, editTar(bytes, "registry.example.com/edge/os:1.4.0", "registry.example.com/edge/os:6.6.6"));
    assertThat(definition("verify", "--trust", pub(key).toString(), "--in", editedProfile.toString()).err())
        .startsWith("refused: DIGEST_MISMATCH: the entry profiles/retail-1.5.0.yaml has digest");
    Path editedIndex = dir.resolve("edited-index.tar.zst");
    Files.write(editedIndex, editTar(bytes, "\"version\" : \"1.5.0\"", "\"version\" : \"9.5.0\""));
    assertThat(definition("verify", "--trust", pub(key).toString(), "--in", editedIndex.toString()).err())
        .startsWith("refused: BAD_SIGNATURE: definition.json is the signature by key");

    Path truncated = dir.resolve("truncated.tar.zst");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThat(definition("verify", "--trust", pub(key).toString(), "--in", truncated.toString()).err())
        .startsWith("refused: TRUNCATED_OR_DAMAGED");

    Path other = generateKey("other", "ed25519");
    Run untrusted = definition("verify", "--trust", pub(other).toString(), "--in", archive.toString());
    assertThat(untrusted.exit()).isEqualTo(1);
    assertThat(untrusted.err()).startsWith("refused: UNTRUSTED_KEY: definition.json is signed by key "
        + SigningKey.read(key).keyId());
  }

  @Test
  @DisplayName("When a definition is exported without a signing key, then its index says unsigned, verification "
      + "refuses it unless unsigned definitions are allowed, and a signed index whose signature was removed is "
      + "refused even then")
  void unsigned() throws Exception {
    create("retail", "1.5.0", true);
    Path key = generateKey("signing", "ed25519");
    Path archive = dir.resolve("unsigned.tar.zst");

    Run export = definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--out", archive.toString());

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).contains("UNSIGNED");
    Run strict = definition("verify", "--trust", pub(key).toString(), "--in", archive.toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.err()).startsWith("refused: NOT_A_SIGNED_ARCHIVE");
    Run allowed = definition("verify", "--trust", pub(key).toString(), "--allow-unsigned", "--in",
        archive.toString());
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("UNSIGNED (accepted: --allow-unsigned)", "retail-1.5.0");
    VerifiedDefinition verified = verify(archive,
        DefinitionVerifier.allowingUnsigned(TrustStore.fromPem(Files.readString(pub(key)))), dir.resolve("s1"));
    assertThat(verified.index().signed()).isFalse();
    assertThat(verified.signer()).isNull();

    // a signed definition's index, written without its signature: what removing definition.json.sig gives
    DefinitionContents contents = DefinitionContents.of(namespace, List.of(client.resources(ClusterProfile.class)
        .inNamespace(namespace).withName("retail-1.5.0").get()), Optional.of(SigningKey.read(key).keyId()));
    Path stripped = dir.resolve("stripped.tar.zst");
    SignedArchiveWriter.unsigned(Compression.defaults()).write(stripped, DefinitionIndex.FILE_NAME,
        contents.index().toJson(), file -> new ByteArrayInputStream(contents.files().get(file.path())));
    Path staging = dir.resolve("s2");
    assertThatThrownBy(() -> verify(stripped,
        DefinitionVerifier.allowingUnsigned(TrustStore.fromPem(Files.readString(pub(key)))), staging))
        .isInstanceOfSatisfying(RefusedException.class, e -> {
          assertThat(e.refusal().reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
          assertThat(e.refusal().message()).contains("says it is signed by key", "carries no signature");
        });
    assertThat(staging).isEmptyDirectory();
  }

  @Test
  @DisplayName("When a named version is not Ready, does not exist, or two profiles carry os and kubernetes layers, "
      + "then the export is refused naming the profile and writes nothing, leaving an existing file as it was")
  void refusalsWriteNothing() throws Exception {
    create("retail", "1.5.0", true);
    create("retail", "1.6.0", false);
    create("factory", "2.0.0", true);
    Path key = generateKey("signing", "ed25519");
    Path archive = dir.resolve("def.tar.zst");
    Path existing = dir.resolve("existing.tar.zst");
    Files.writeString(existing, "an earlier export");

    Run notReady = definition("export", "-n", namespace, "--profile", "retail-1.6.0", "--sign-key", key.toString(),
        "--out", archive.toString());
    assertThat(notReady.exit()).isEqualTo(1);
    assertThat(notReady.err()).contains("definition export refused, nothing written:",
        "ClusterProfile retail-1.6.0 is not Ready (Ready=False, reason InvalidProfile): ",
        "not a valid regular expression");

    Run missing = definition("export", "-n", namespace, "--profile", "retail-9.9.9", "--out", archive.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("ClusterProfile retail-9.9.9 does not exist in namespace " + namespace
        + " (it holds factory-2.0.0, retail-1.5.0, retail-1.6.0)");

    Run twoProfiles = definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--profile",
        "factory-2.0.0", "--sign-key", key.toString(), "--out", existing.toString());
    assertThat(twoProfiles.exit()).isEqualTo(1);
    assertThat(twoProfiles.err()).contains("two profiles both carry os or kubernetes layers: profile retail "
        + "(retail-1.5.0: os layer edge-os, kubernetes layer k3s) and profile factory (factory-2.0.0");

    assertThat(archive).doesNotExist();
    assertThat(existing).hasContent("an earlier export");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("signing.pem",
          "signing.pub.pem", "existing.tar.zst");
    }
  }

  @Test
  @DisplayName("When keys generate runs, then the signing key is readable by its owner only, an existing file is "
      + "never overwritten, and an unknown algorithm is refused")
  void keysGenerate() throws Exception {
    Path key = generateKey("site", "ecdsa-p256");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(SigningKey.read(key).algorithm().id()).isEqualTo("ECDSA-P256-SHA256");
    assertThat(TrustStore.fromPem(Files.readString(pub(key))).trustedKeys())
        .containsExactly(SigningKey.read(key).keyId());
    String before = Files.readString(key);
    Run again = keys("generate", "--out", key.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("exists already; not overwritten");
    assertThat(Files.readString(key)).isEqualTo(before);
    Run unknown = keys("generate", "--algorithm", "rsa", "--out", dir.resolve("rsa.pem").toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'rsa' is not an algorithm: choose ed25519 or ecdsa-p256");
    assertThat(dir.resolve("rsa.pem")).doesNotExist();
  }

  @Test
  @DisplayName("When a rotation statement signed by the old key is given, then a site trusting the old key accepts "
      + "definitions signed by the new key, and refuses the old key once the statement revoked it")
  void keyRotation() throws Exception {
    create("retail", "1.5.0", true);
    Path oldKey = generateKey("old", "ed25519");
    Path newKey = generateKey("new", "ecdsa-p256");
    Path rotation = dir.resolve("rotation.json");

    Run rotate = keys("rotate", "--old", oldKey.toString(), "--new", pub(newKey).toString(), "--revoke-old",
        "--out", rotation.toString());

    assertThat(rotate.exit()).as(rotate.err()).isZero();
    assertThat(rotate.out()).contains("makes sites trust key " + SigningKey.read(newKey).keyId(),
        "revokes itself");
    Path byNew = dir.resolve("new.tar.zst");
    Path byOld = dir.resolve("old.tar.zst");
    assertThat(definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--sign-key", newKey.toString(),
        "--out", byNew.toString()).exit()).isZero();
    assertThat(definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--sign-key", oldKey.toString(),
        "--out", byOld.toString()).exit()).isZero();

    assertThat(definition("verify", "--trust", pub(oldKey).toString(), "--in", byNew.toString()).err())
        .startsWith("refused: UNTRUSTED_KEY");
    Run rotated = definition("verify", "--trust", pub(oldKey).toString(), "--rotation", rotation.toString(), "--in",
        byNew.toString());
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("signed by trusted key " + SigningKey.read(newKey).keyId());
    assertThat(definition("verify", "--trust", pub(oldKey).toString(), "--rotation", rotation.toString(), "--in",
        byOld.toString()).err()).startsWith("refused: REVOKED_KEY");

    Run self = keys("rotate", "--old", oldKey.toString(), "--new", pub(oldKey).toString(), "--out",
        dir.resolve("self.json").toString());
    assertThat(self.exit()).isEqualTo(1);
    assertThat(self.err()).contains("the new key is the old key");
    assertThat(dir.resolve("self.json")).doesNotExist();
  }

  @Test
  @DisplayName("When definition verify is given --extract, then the verified files stay there")
  void extract() throws Exception {
    create("retail", "1.5.0", true);
    Path key = generateKey("signing", "ed25519");
    Path archive = dir.resolve("def.tar.zst");
    assertThat(definition("export", "-n", namespace, "--profile", "retail-1.5.0", "--sign-key", key.toString(),
        "--out", archive.toString()).exit()).isZero();
    Path extracted = dir.resolve("extracted");

    Run run = definition("verify", "--trust", pub(key).toString(), "--in", archive.toString(), "--extract",
        extracted.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(extracted.resolve("profiles/retail-1.5.0.yaml")).isRegularFile();
    assertThat(extracted.resolve("variables/retail-1.5.0.yaml")).isRegularFile();
    assertThat(extracted.resolve("definition.json")).isRegularFile();
    List<String> listed = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(extracted)) {
      tree.filter(Files::isRegularFile).forEach(file -> listed.add(extracted.relativize(file).toString()));
    }
    assertThat(listed).containsExactlyInAnyOrder("definition.json", "definition.json.sig",
        "profiles/retail-1.5.0.yaml", "variables/retail-1.5.0.yaml");
  }
}
