package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCaTest {

  @TempDir
  static Path dir;
  private static String selfSigned;

  @BeforeAll
  static void certificates() throws Exception {
    selfSigned = Files.readString(TestCertificates.create(dir).certificate());
  }

  @Test
  @DisplayName("When a CA file is given, then agents are told to trust exactly its certificates")
  void caFile() {
    Optional<String> ca = GatewayCa.forAgents(Optional.of(new GatewayCa.Named("ca.crt", selfSigned)),
        Optional.empty());

    assertThat(ca).contains(selfSigned);
  }

  @Test
  @DisplayName("When no CA file is given and the serving certificate is self-signed, then agents trust it")
  void selfSignedServing() {
    assertThat(GatewayCa.forAgents(Optional.empty(), Optional.of(selfSigned))).contains(selfSigned);
  }

  @Test
  @DisplayName("When there is neither a CA file nor TLS, then agents are told no CA")
  void none() {
    assertThat(GatewayCa.forAgents(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  @DisplayName("When the CA file holds no certificate, then the error names it")
  void emptyCaFile() {
    assertThatThrownBy(() -> GatewayCa.forAgents(Optional.of(new GatewayCa.Named("--gateway-ca-file ca.crt", "")),
        Optional.empty())).hasMessage("--gateway-ca-file ca.crt holds no PEM certificate");
  }
}
