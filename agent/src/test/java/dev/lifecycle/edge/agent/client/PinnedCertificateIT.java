package dev.lifecycle.edge.agent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.TestCertificates;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pin against a real TLS server: a self-signed certificate whose names do not include the address the client
 * uses (an IP), as a site controller's may not.
 */
class PinnedCertificateIT {

  private static final String TOKEN = "pin-test-token-1c2d3e";

  @TempDir
  static Path temp;

  private static TestCertificates certificates;
  private static StubGateway server;
  private static URI byAddress;
  private static ExecutorService executor;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(temp, "CN=site-controller", "dns:site-controller.invalid");
    server = StubGateway.startTls(certificates.serverContext()).acceptToken(TOKEN, "site");
    byAddress = URI.create("https://127.0.0.1:" + server.uri().getPort());
    executor = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("When the pin is the server certificate's fingerprint, then the client registers at the server's IP "
      + "address, though the certificate names neither that address nor any CA")
  void rightPinAtAnIp() throws Exception {
    int before = server.registrationAttempts();
    RegisterResponse registered = client(PinnedCertificate.sslContext(certificates.fingerprint()))
        .register(new RegisterRequest(TOKEN, "machine-pinned", "pinned", null, null, Map.of())).join();

    assertThat(registered.namespace()).isEqualTo("site");
    assertThat(server.registrationAttempts()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName("When the same certificate is trusted as a CA instead, then the JDK refuses the IP address the "
      + "certificate does not name: the pin is what makes the address irrelevant")
  void caTrustChecksTheName() {
    SSLContext asCa = TrustedCa.sslContext(certificates.caPem());
    int before = server.registrationAttempts();

    assertThatThrownBy(() -> client(asCa).register(new RegisterRequest(TOKEN, "m", "h", null, null, Map.of())).join())
        .satisfies(e -> assertThat(GatewayClient.cause(e)).isInstanceOf(GatewayUnreachableException.class)
            .isNotInstanceOf(GatewayUntrustedException.class)
            .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
            .hasMessageContaining("127.0.0.1"));
    assertThat(server.registrationAttempts()).isEqualTo(before);
  }

  @Test
  @DisplayName("When the pin is another fingerprint, then the handshake is refused with both fingerprints named, "
      + "nothing is sent, and there is no fallback to the JDK's CAs")
  void wrongPin() throws Exception {
    String wrong = "sha256:" + "0".repeat(64);
    String presented = certificates.fingerprint();
    int before = server.registrationAttempts();

    assertThatThrownBy(() -> client(PinnedCertificate.sslContext(wrong))
        .register(new RegisterRequest(TOKEN, "m", "h", null, null, Map.of())).join())
        .satisfies(e -> assertThat(GatewayClient.cause(e)).isInstanceOf(GatewayUntrustedException.class)
            .hasCauseInstanceOf(PinnedCertificate.PinMismatchException.class)
            .hasMessage("the server at " + byAddress + " is not the one this host pins: the server presented the "
                + "certificate " + presented + ", but this host trusts only " + wrong + " (the fingerprint of its "
                + "link token): it is not the site controller the link token was made by, or someone is in between; "
                + "refusing to talk to it"));
    assertThat(server.registrationAttempts()).isEqualTo(before);
  }

  @Test
  @DisplayName("When a certificate's fingerprint is computed, then it is keytool's SHA-256 fingerprint in the link "
      + "token's form")
  void fingerprintIsKeytools() throws Exception {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(certificates.caPem())) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-printcert", "-file", certificates.caPem().toString()).redirectErrorStream(true).start();
    String printed = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String sha256 = printed.lines().map(String::strip).filter(line -> line.startsWith("SHA256:")).findFirst()
        .orElseThrow().substring("SHA256:".length()).strip().replace(":", "").toLowerCase(Locale.ROOT);

    assertThat(PinnedCertificate.fingerprint(certificate)).isEqualTo("sha256:" + sha256);
  }

  @Test
  @DisplayName("When a pin is not a sha256 fingerprint, then it is refused before any connection")
  void malformedPin() {
    assertThatThrownBy(() -> PinnedCertificate.sslContext("sha1:abcd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a certificate fingerprint is sha256: followed by 64 lowercase hex digits, got sha1:abcd");
  }

  private static GatewayClient client(SSLContext tls) {
    return new GatewayClient(GatewayClient.httpClient(tls, executor), byAddress);
  }
}
