package dev.lifecycle.edge.agent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.TestCertificates;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayClientIT {

  private static final RegisterRequest REQUEST = new RegisterRequest("good", "machine-1", "host-a", null, null, Map.of());

  @TempDir
  Path temp;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private StubGateway gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = StubGateway.start().acceptToken("good", "store-0042").refuseToken("old", "TokenExpired");
  }

  @AfterEach
  void stop() {
    gateway.close();
    executor.shutdownNow();
  }

  @Test
  @DisplayName("When the plan is unchanged, then the client sends its ETag back and gets NotModified")
  void planWithEtag() {
    GatewayClient client = client(gateway.uri(), Optional.empty());
    RegisterResponse registration = client.register(REQUEST).join();
    assertThat(client.fetchPlan(registration.credential(), null).join()).isInstanceOf(PlanAnswer.NoPlan.class);
    gateway.setPlan("host-a", gateway.plan(4, "Init", "1.0.0"));

    PlanAnswer.Current current = (PlanAnswer.Current) client.fetchPlan(registration.credential(), null).join();

    assertThat(current.etag()).isEqualTo("\"4\"");
    assertThat(current.plan()).extracting(Plan::generation, Plan::action, Plan::profileVersion)
        .containsExactly(4L, "Init", "1.0.0");
    assertThat(client.fetchPlan(registration.credential(), current.etag()).join())
        .isInstanceOf(PlanAnswer.NotModified.class);
    client.report(registration.credential(), Report.applied(current.plan(), null)).join();
    client.heartbeat(registration.credential()).join();
    assertThat(gateway.host("host-a").orElseThrow().reportStates()).containsExactly("4:Applied");
    assertThat(gateway.host("host-a").orElseThrow().heartbeats()).isEqualTo(1);
  }

  @Test
  @DisplayName("When the gateway refuses, then the error carries status, error code and message")
  void typedErrors() {
    GatewayClient client = client(gateway.uri(), Optional.empty());

    assertThatThrownBy(() -> client.register(new RegisterRequest("old", "m", null, null, null, Map.of())).join())
        .cause().isInstanceOfSatisfying(GatewayException.class, error -> {
          assertThat(error.status()).isEqualTo(403);
          assertThat(error.error()).isEqualTo("TokenExpired");
          assertThat(error.gatewayMessage()).contains("does not register hosts now");
          assertThat(error.refusesRegistration()).isTrue();
        });
    assertThatThrownBy(() -> client.fetchPlan("ehc1.wrong", null).join())
        .cause().isInstanceOfSatisfying(GatewayException.class, error -> {
          assertThat(error.isUnauthorized()).isTrue();
          assertThat(error.error()).isEqualTo("Unauthorized");
        });
  }

  @Test
  @DisplayName("When nothing listens at the gateway's address, then the call fails as unreachable")
  void unreachable() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GatewayClient client = client(URI.create("http://127.0.0.1:" + port), Optional.empty());

    CompletableFuture<RegisterResponse> call = client.register(REQUEST);

    assertThatThrownBy(call::join).cause().isInstanceOf(GatewayUnreachableException.class)
        .hasMessageContaining("no answer from the gateway at http://127.0.0.1:" + port);
  }

  @Test
  @DisplayName("When the gateway's certificate comes from a private CA, then --ca-cert makes it trusted, and "
      + "without it the handshake fails")
  void privateCa() throws Exception {
    TestCertificates certificates = TestCertificates.create(temp);
    try (StubGateway tls = StubGateway.startTls(certificates.serverContext()).acceptToken("good", "store-0042")) {
      RegisterResponse registration = client(tls.uri(), Optional.of(certificates.caPem())).register(REQUEST).join();
      assertThat(registration.host()).isEqualTo("host-a");

      assertThatThrownBy(() -> client(tls.uri(), Optional.empty()).register(REQUEST).join())
          .cause().isInstanceOf(GatewayUnreachableException.class)
          .cause().isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  @DisplayName("When the CA file holds no certificate, then the client says so")
  void badCaFile() throws Exception {
    Path empty = java.nio.file.Files.writeString(temp.resolve("empty.pem"), "");

    assertThatThrownBy(() -> TrustedCa.sslContext(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  @DisplayName("When the gateway URL is not http(s), then the client refuses it")
  void badUrl() {
    assertThatThrownBy(() -> client(URI.create("ftp://gateway"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
  }

  private GatewayClient client(URI uri, Optional<Path> ca) {
    return new GatewayClient(GatewayClient.httpClient(ca, executor), uri);
  }

}
