package dev.lifecycle.edge.bundle.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed archive on its own, as a cluster definition will use it: named files with their digests. */
class SignedArchiveTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);

  @TempDir
  Path dir;

  @Test
  @DisplayName("When a definition-like archive of named files is written, then it verifies with every file staged, "
      + "and the kind's own index check runs before any file")
  void definitionRoundTrip() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("profiles/edge-retail-1.4.0.yaml", "kind: ClusterProfile\n".getBytes(StandardCharsets.UTF_8));
    files.put("variables/edge-retail.yaml", "ntp: pool.ntp.org\n".getBytes(StandardCharsets.UTF_8));
    StringBuilder index = new StringBuilder("{\"kind\":\"cluster-definition\",\"files\":[");
    String separator = "";
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      index.append(separator).append("{\"path\":\"").append(file.getKey()).append("\",\"digest\":\"")
          .append(sha256(file.getValue())).append("\",\"size\":").append(file.getValue().length).append('}');
      separator = ",";
    }
    byte[] indexBytes = index.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("definition.tar.zst");
    new SignedArchiveWriter(KEY, Compression.defaults()).write(archive, "definition.json", indexBytes,
        file -> new ByteArrayInputStream(files.get(file.path())));

    boolean[] checkedFirst = {false};
    VerifiedArchive verified;
    try (InputStream in = Files.newInputStream(archive)) {
      verified = new SignedArchiveReader(TrustStore.of(KEY.publicKey()), ArchiveLimits.defaults()).read(in,
          "definition.json", (json, listed) -> {
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("cluster-definition");
            assertThat(dir.resolve("staging").resolve("profiles")).doesNotExist();
            checkedFirst[0] = true;
          }, dir.resolve("staging"));
    }

    assertThat(checkedFirst[0]).isTrue();
    assertThat(verified.signer()).isEqualTo(KEY.keyId());
    assertThat(verified.files()).extracting(ArchiveFile::path).containsExactlyElementsOf(files.keySet());
    assertThat(verified.fileOf(verified.files().get(1))).hasContent("ntp: pool.ntp.org");
    assertThat(dir.resolve("staging/definition.json")).hasBinaryContent(indexBytes);
  }

  @Test
  @DisplayName("When the kind's own index check refuses, then nothing is staged")
  void acceptanceRefuses() throws Exception {
    byte[] content = "x".getBytes(StandardCharsets.UTF_8);
    byte[] index = ("{\"files\":[{\"path\":\"a\",\"digest\":\"" + sha256(content) + "\",\"size\":1}]}")
        .getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("a.tar.zst");
    new SignedArchiveWriter(KEY, Compression.defaults()).write(archive, "index.json", index,
        file -> new ByteArrayInputStream(content));

    try (InputStream in = Files.newInputStream(archive)) {
      assertThatThrownBy(() -> new SignedArchiveReader(TrustStore.of(KEY.publicKey()), ArchiveLimits.defaults())
          .read(in, "index.json", (json, files) -> {
            throw new RefusedException(RefusalReason.MALFORMED_INDEX, "not for this site");
          }, dir.resolve("staging")))
          .isInstanceOfSatisfying(RefusedException.class,
              e -> assertThat(e.refusal()).isEqualTo(new Refusal(RefusalReason.MALFORMED_INDEX, "not for this site")));
    }
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }

  @Test
  @DisplayName("When an index lists its own entry name or an unsafe path, then the writer refuses to sign it")
  void writerRefusesBadIndex() {
    SignedArchiveWriter writer = new SignedArchiveWriter(KEY, Compression.defaults());
    String digest = "sha256:" + "a".repeat(64);

    assertThatThrownBy(() -> writer.write(dir.resolve("x"), "index.json",
        ("{\"files\":[{\"path\":\"index.json.sig\",\"digest\":\"" + digest + "\",\"size\":1}]}").getBytes(),
        file -> InputStream.nullInputStream()))
        .hasMessageContaining("the name of its own entry");
    assertThatThrownBy(() -> writer.write(dir.resolve("x"), "index.json",
        ("{\"files\":[{\"path\":\"../etc\",\"digest\":\"" + digest + "\",\"size\":1}]}").getBytes(),
        file -> InputStream.nullInputStream()))
        .hasMessageContaining("..");
    assertThat(dir).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"blobs/sha256/abc", "profiles/edge-retail-1.4.0.yaml", "a", "x/y/z+1@2=3,4"})
  void safeNames(String name) {
    assertThat(EntryNames.problem(name)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "../up", "a/../b", "a/./b", "a//b", "a/", "a\\b", "a b", "naïve", "c:x"})
  void unsafeNames(String name) {
    assertThat(EntryNames.problem(name)).isNotNull();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
