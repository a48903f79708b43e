package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.operator.support.OperatorHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from PEM files, as the chart mounts them from a Secret. */
class GatewayTlsIT {

  @TempDir
  static Path dir;
  private static OperatorHarness harness;
  private static TestCertificates certificates;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    harness = OperatorHarness.start();
    gateway = Gateway.start(GatewayConfig.tls(0, certificates.certificate(), certificates.key()).withHost("127.0.0.1"),
        harness.services());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    harness.close();
  }

  @Test
  @DisplayName("When a client trusting the gateway's certificate calls over HTTPS, then it gets the JSON answers")
  void servesTls() throws IOException, InterruptedException {
    // The JDK's connect timeout covers the TLS handshake, whose first run in a cold JVM took over 5 s at load 20.
    HttpClient client = HttpClient.newBuilder().sslContext(certificates.trusting())
        .connectTimeout(Duration.ofSeconds(30)).build();

    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
        + gateway.port() + "/v1/plan")).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(gateway.url()).startsWith("https://");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(GatewayFixture.parse(response.body()).path("error").asText()).isEqualTo("Unauthorized");
  }

  @Test
  @DisplayName("When a client does not trust the certificate, or speaks plain HTTP, then it gets no answer")
  void refusesUntrustedAndPlain() {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.port()
        + "/v1/plan")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
        + "/v1/plan")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  @DisplayName("When the certificate file is missing, then the gateway does not start and names the file")
  void missingCertificate() {
    Path missing = dir.resolve("missing.crt");
    assertThatThrownBy(() -> Gateway.start(GatewayConfig.tls(0, missing, certificates.key()), harness.services()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS certificate " + missing + " is not a readable file");
  }
}
