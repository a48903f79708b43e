package dev.lifecycle.edge.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashesTest {

  @Test
  @DisplayName("When a secret is hashed, then the result is the SHA-256 in hex behind a sha256: prefix")
  void knownDigest() {
    assertThat(Hashes.sha256("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  @DisplayName("When a secret is compared with a hash, then only its own hash matches")
  void matches() {
    String hash = Hashes.sha256("token-value");
    assertThat(Hashes.matches("token-value", hash)).isTrue();
    assertThat(Hashes.matches("token-valuf", hash)).isFalse();
    assertThat(Hashes.matches(null, hash)).isFalse();
    assertThat(Hashes.matches("token-value", null)).isFalse();
  }
}
