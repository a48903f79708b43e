package dev.lifecycle.edge.operator.definition;

import static dev.lifecycle.edge.operator.definition.Profiles.NAMESPACE;
import static dev.lifecycle.edge.operator.definition.Profiles.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.sign.KeyId;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definition's own checks on top of the signed archive's: what its index says of its signature and format. */
class DefinitionVerifierTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final TrustStore TRUST = TrustStore.of(KEY.publicKey());

  @TempDir
  Path dir;

  /** An archive of one profile version whose index says {@code claimedSigner}, signed by {@code key} (or not). */
  private Path archive(Optional<KeyId> claimedSigner, Optional<SigningKey> key) throws Exception {
    DefinitionContents contents = DefinitionContents.of(NAMESPACE, List.of(ready("retail", "1.5.0")), claimedSigner);
    return write(contents.index().toJson(), contents, key);
  }

  private Path write(byte[] index, DefinitionContents contents, Optional<SigningKey> key) throws Exception {
    Path archive = dir.resolve("def-" + System.nanoTime() + ".tar.zst");
    SignedArchiveWriter writer = key.map(signing -> new SignedArchiveWriter(signing, Compression.defaults()))
        .orElseGet(() -> SignedArchiveWriter.unsigned(Compression.defaults()));
    writer.write(archive, DefinitionIndex.FILE_NAME, index,
        file -> new ByteArrayInputStream(contents.files().get(file.path())));
    return archive;
  }

  private VerifiedDefinition verify(Path archive, DefinitionVerifier verifier, Path staging) throws Exception {
    try (InputStream in = Files.newInputStream(archive)) {
      return verifier.verify(in, staging);
    }
  }

  private void assertRefused(Path archive, DefinitionVerifier verifier, RefusalReason reason, String message) {
    Path staging = dir.resolve("staging-" + System.nanoTime());
    assertThatThrownBy(() -> verify(archive, verifier, staging)).isInstanceOfSatisfying(RefusedException.class, e -> {
      assertThat(e.refusal().reason()).isEqualTo(reason);
      assertThat(e.refusal().message()).contains(message);
    });
    assertThat(staging).isEmptyDirectory();
  }

  @Test
  @DisplayName("When a definition is signed by the key its index names, then it verifies with its profiles")
  void accepted() throws Exception {
    VerifiedDefinition verified = verify(archive(Optional.of(KEY.keyId()), Optional.of(KEY)),
        DefinitionVerifier.signedBy(TRUST), dir.resolve("staging"));

    assertThat(verified.signer()).isEqualTo(KEY.keyId());
    assertThat(verified.index().profiles()).extracting(DefinitionIndex.Profile::name).containsExactly("retail-1.5.0");
    assertThat(verified.manifest(verified.index().profiles().get(0))).content().contains("name: retail-1.5.0");
  }

  @Test
  @DisplayName("When a signed archive's index says it is unsigned, or names another signing key, then it is refused")
  void signatureClaimsMustMatch() throws Exception {
    assertRefused(archive(Optional.empty(), Optional.of(KEY)), DefinitionVerifier.signedBy(TRUST),
        RefusalReason.BAD_SIGNATURE, "definition.json says it is unsigned, but the archive carries a signature by key "
            + KEY.keyId());
    KeyId other = SigningKey.generate(SignatureAlgorithm.ED25519).keyId();
    assertRefused(archive(Optional.of(other), Optional.of(KEY)), DefinitionVerifier.allowingUnsigned(TRUST),
        RefusalReason.BAD_SIGNATURE, "definition.json says it is signed by key " + other
            + ", but the signature is by key " + KEY.keyId());
  }

  @Test
  @DisplayName("When a signed archive's index is not a definition's, then it is refused as a malformed index before "
      + "any file is kept")
  void notADefinition() throws Exception {
    DefinitionContents contents = DefinitionContents.of(NAMESPACE, List.of(ready("retail", "1.5.0")),
        Optional.of(KEY.keyId()));
    String json = new String(contents.index().toJson(), StandardCharsets.UTF_8)
        .replace("edge.lifecycle.dev/cluster-definition", "edge.lifecycle.dev/content-bundle");

    assertRefused(write(json.getBytes(StandardCharsets.UTF_8), contents, Optional.of(KEY)),
        DefinitionVerifier.signedBy(TRUST), RefusalReason.MALFORMED_INDEX,
        "definition.json: not a cluster definition: \"format\" is not edge.lifecycle.dev/cluster-definition");
  }
}
