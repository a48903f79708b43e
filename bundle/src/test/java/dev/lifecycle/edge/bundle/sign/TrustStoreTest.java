package dev.lifecycle.edge.bundle.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrustStoreTest {

  private static final byte[] DATA = "bundle.json bytes".getBytes(StandardCharsets.UTF_8);
  private final SigningKey old = SigningKey.generate(SignatureAlgorithm.ED25519);
  private final SigningKey next = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
  private final SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
  private final TrustStore trust = TrustStore.of(old.publicKey());

  @Test
  @DisplayName("When bytes change after signing, or another key signs, then the verdict says which")
  void rejections() {
    byte[] changed = DATA.clone();
    changed[0] ^= 1;

    assertThat(trust.verify(DATA, old.sign(DATA))).isEqualTo(new SignatureVerdict.Trusted(old.keyId()));
    assertThat(trust.verify(changed, old.sign(DATA))).isInstanceOfSatisfying(SignatureVerdict.Rejected.class,
        rejected -> assertThat(rejected.why()).isEqualTo(SignatureVerdict.Why.BAD_SIGNATURE));
    assertThat(trust.verify(DATA, stranger.sign(DATA))).isInstanceOfSatisfying(SignatureVerdict.Rejected.class,
        rejected -> {
          assertThat(rejected.why()).isEqualTo(SignatureVerdict.Why.UNTRUSTED_KEY);
          assertThat(rejected.message()).contains(stranger.keyId().value());
        });
    DetachedSignature claimed = new DetachedSignature(SignatureAlgorithm.ED25519, old.keyId(),
        stranger.sign(DATA).value());
    assertThat(trust.verify(DATA, claimed)).isInstanceOfSatisfying(SignatureVerdict.Rejected.class,
        rejected -> assertThat(rejected.why()).isEqualTo(SignatureVerdict.Why.BAD_SIGNATURE));
  }

  @Test
  @DisplayName("When a rotation signed by a trusted key names a new key and revokes the old one, then the new key is "
      + "trusted and the old one refused")
  void rotation() {
    byte[] rotationFile = new KeyRotation(next.publicKey(), List.of(old.keyId())).sign(old);

    TrustStore rotated = trust.withRotation(rotationFile);

    assertThat(rotated.trustedKeys()).containsExactly(next.keyId());
    assertThat(rotated.revokedKeys()).containsExactly(old.keyId());
    assertThat(rotated.verify(DATA, next.sign(DATA))).isEqualTo(new SignatureVerdict.Trusted(next.keyId()));
    assertThat(rotated.verify(DATA, old.sign(DATA))).isInstanceOfSatisfying(SignatureVerdict.Rejected.class,
        rejected -> assertThat(rejected.why()).isEqualTo(SignatureVerdict.Why.REVOKED_KEY));
    assertThat(trust.trustedKeys()).containsExactly(old.keyId());
    assertThat(TrustStore.fromPem(rotated.toPem()).trustedKeys()).containsExactly(next.keyId());
  }

  @Test
  @DisplayName("When a rotation keeps the old key, then both keys are trusted")
  void rotationKeepingOldKey() {
    TrustStore rotated = trust.withRotation(new KeyRotation(next.publicKey(), List.of()).sign(old));

    assertThat(rotated.trustedKeys()).containsExactlyInAnyOrder(old.keyId(), next.keyId());
  }

  @Test
  @DisplayName("When a rotation is signed by an untrusted or revoked key, or edited, then it is refused and the store "
      + "unchanged")
  void refusedRotations() {
    assertThatThrownBy(() -> trust.withRotation(new KeyRotation(next.publicKey(), List.of(old.keyId()))
        .sign(stranger)))
        .hasMessageContaining("key rotation refused").hasMessageContaining("not among the trusted keys");

    TrustStore rotated = trust.withRotation(new KeyRotation(next.publicKey(), List.of(old.keyId())).sign(old));
    assertThatThrownBy(() -> rotated.withRotation(new KeyRotation(stranger.publicKey(), List.of()).sign(old)))
        .hasMessageContaining("revoked");
    assertThatThrownBy(() -> rotated.withRotation(new KeyRotation(old.publicKey(), List.of()).sign(next)))
        .hasMessageContaining("its new key " + old.keyId() + " was revoked before");

    String honest = new String(new KeyRotation(next.publicKey(), List.of()).sign(old), StandardCharsets.UTF_8);
    String statement = honest.replaceAll("(?s).*\"statement\" : \"([^\"]+)\".*", "$1");
    String swapped = new String(Base64.getDecoder().decode(statement), StandardCharsets.UTF_8)
        .replace(next.keyId().value(), stranger.keyId().value());
    String forged = honest.replace(statement, Base64.getEncoder().encodeToString(
        swapped.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> trust.withRotation(forged)).hasMessageContaining("newKeyId");
    assertThat(trust.trustedKeys()).containsExactly(old.keyId());
  }
}
