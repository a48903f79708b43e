package dev.lifecycle.edge.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyFilesTest {

  @Test
  @DisplayName("When the signing key file is KEY.pem, then the public key is KEY.pub.pem; any other name gets "
      + ".pub.pem appended")
  void publicFileName() {
    assertThat(KeyFiles.publicFileOf(Path.of("/keys/signing.pem"))).isEqualTo(Path.of("/keys/signing.pub.pem"));
    assertThat(KeyFiles.publicFileOf(Path.of("forge.key"))).isEqualTo(Path.of("forge.key.pub.pem"));
  }
}
