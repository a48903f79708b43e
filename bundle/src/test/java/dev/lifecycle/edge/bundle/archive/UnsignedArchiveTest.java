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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives without {@code <index>.sig} (an unsigned cluster definition): refused unless the reader allows them. */
class UnsignedArchiveTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final byte[] CONTENT = "kind: ClusterProfile\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private Path unsigned(byte[] content) throws Exception {
    byte[] index = ("{\"files\":[{\"path\":\"profiles/a.yaml\",\"digest\":\"" + sha256(CONTENT) + "\",\"size\":"
        + CONTENT.length + "}]}").getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("unsigned.tar.zst");
    WrittenArchive written = SignedArchiveWriter.unsigned(Compression.defaults()).write(archive, "index.json", index,
        file -> new ByteArrayInputStream(content));
    assertThat(written.signature()).isNull();
    return archive;
  }

  private VerifiedArchive read(Path archive, SignedArchiveReader reader) throws Exception {
    try (InputStream in = Files.newInputStream(archive)) {
      return reader.read(in, "index.json", IndexAcceptance.any(), dir.resolve("staging"));
    }
  }

  private static SignedArchiveReader strict() {
    return new SignedArchiveReader(TrustStore.of(KEY.publicKey()), ArchiveLimits.defaults());
  }

  @Test
  @DisplayName("When an unsigned archive is read by a reader that allows it, then its files are verified and staged "
      + "with no signer")
  void acceptedWhenAllowed() throws Exception {
    VerifiedArchive verified = read(unsigned(CONTENT), strict().allowingUnsigned());

    assertThat(verified.signature()).isNull();
    assertThat(verified.signer()).isNull();
    assertThat(verified.fileOf(verified.files().get(0))).hasBinaryContent(CONTENT);
    assertThat(dir.resolve("staging/index.json.sig")).doesNotExist();
  }

  @Test
  @DisplayName("When an unsigned archive is read by a reader that requires a signature, then it is refused as not "
      + "signed and nothing is staged")
  void refusedWhenSignatureRequired() throws Exception {
    Path archive = unsigned(CONTENT);

    assertThatThrownBy(() -> read(archive, strict())).isInstanceOfSatisfying(RefusedException.class, e -> {
      assertThat(e.refusal().reason()).isEqualTo(RefusalReason.NOT_A_SIGNED_ARCHIVE);
      assertThat(e.refusal().message()).contains("profiles/a.yaml comes where index.json.sig must be");
    });
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }

  @Test
  @DisplayName("When a signed archive is read by a reader allowing unsigned ones, then its signature is still "
      + "checked against the trust store")
  void signedStillChecked() throws Exception {
    byte[] index = ("{\"files\":[{\"path\":\"profiles/a.yaml\",\"digest\":\"" + sha256(CONTENT) + "\",\"size\":"
        + CONTENT.length + "}]}").getBytes(StandardCharsets.UTF_8);
    Path archive = dir.resolve("signed.tar.zst");
    new SignedArchiveWriter(KEY, Compression.defaults()).write(archive, "index.json", index,
        file -> new ByteArrayInputStream(CONTENT));
    SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519);

    assertThat(read(archive, strict().allowingUnsigned()).signer()).isEqualTo(KEY.keyId());
    Files.delete(dir.resolve("staging/index.json"));
    Files.delete(dir.resolve("staging/index.json.sig"));
    Files.delete(dir.resolve("staging/profiles/a.yaml"));
    Files.delete(dir.resolve("staging/profiles"));
    assertThatThrownBy(() -> read(archive, new SignedArchiveReader(TrustStore.of(other.publicKey()),
        ArchiveLimits.defaults()).allowingUnsigned()))
        .isInstanceOfSatisfying(RefusedException.class,
            e -> assertThat(e.refusal().reason()).isEqualTo(RefusalReason.UNTRUSTED_KEY));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
