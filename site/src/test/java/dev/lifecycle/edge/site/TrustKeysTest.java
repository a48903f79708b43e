package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustKeysTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When --trust-key names several files, then every public key in them is trusted; none given, none")
  void loads() throws Exception {
    SigningKey first = SigningKey.generate(SignatureAlgorithm.ED25519);
    SigningKey second = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Path one = first.writeFiles(dir.resolve("first")).get(1);
    Path two = second.writeFiles(dir.resolve("second")).get(1);

    assertThat(TrustKeys.load(List.of(one, two)).orElseThrow().trustedKeys())
        .containsExactlyInAnyOrder(first.keyId(), second.keyId());
    assertThat(TrustKeys.load(List.of())).isEmpty();
  }

  @Test
  @DisplayName("When a --trust-key file is missing or holds no public key, then the start is refused naming it")
  void refuses() throws Exception {
    Path missing = dir.resolve("missing.pub");
    Path notKey = Files.writeString(dir.resolve("not.pub"), "hello");

    assertThatThrownBy(() -> TrustKeys.load(List.of(missing))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the trusted key file " + missing);
    assertThatThrownBy(() -> TrustKeys.load(List.of(notKey))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the trusted key file " + notKey + " is not usable");
  }
}
