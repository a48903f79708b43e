package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour that a well-behaved registry never shows: 503 and 429 answers, redirects of blobs to
 * another host, Basic challenges. A JDK HTTP server plays these answers; the real registry is in the system tests.
 */
class RegistryHttpTest {

  private static final byte[] BLOB = "blob content".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor BLOB_DESCRIPTOR = new Descriptor("application/octet-stream", Digest.sha256(BLOB), BLOB.length);
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(server -> server.stop(0));
  }

  private String serve(String path, Handler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(path, exchange -> {
      try (exchange) {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        handler.handle(exchange);
      }
    });
    server.start();
    servers.add(server);
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static RegistryClient client(String host, RetryPolicy retry, CredentialSource credentials) {
    return RegistryClient.builder().plainHttp(host).retry(retry).credentials(credentials).build();
  }

  @Test
  @DisplayName("When the registry answers 503 and then 429 with Retry-After, then the blob is fetched on the third attempt")
  void retriesTransientAnswers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String host = serve("/v2/", exchange -> {
      switch (calls.incrementAndGet()) {
        case 1 -> send(exchange, 503, new byte[0], Map.of());
        case 2 -> send(exchange, 429, new byte[0], Map.of("Retry-After", "0"));
        default -> send(exchange, 200, BLOB, Map.of());
      }
    });
    ImageReference repo = ImageReference.parse(host + "/a/b:1");
    try (InputStream in = client(host, FAST, CredentialSource.anonymous()).openBlob(repo, BLOB_DESCRIPTOR)) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
    }
    assertThat(calls).hasValue(3);
  }

  @Test
  @DisplayName("When the registry keeps answering 503, then it is tried the policy's number of times and the error says so")
  void boundedRetries() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String host = serve("/v2/", exchange -> {
      calls.incrementAndGet();
      send(exchange, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"down for maintenance\"}]}"
          .getBytes(StandardCharsets.UTF_8), Map.of());
    });
    ImageReference ref = ImageReference.parse(host + "/a/b:1");
    assertThatThrownBy(() -> client(host, FAST, CredentialSource.anonymous()).fetchManifest(ref))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + host + " answered HTTP 503 to GET manifest of " + ref + ": UNAVAILABLE: down for maintenance");
    assertThat(calls).hasValue(3);
  }

  @Test
  @DisplayName("When a blob is redirected to another host, then it is followed without our credentials and still verified")
  void redirectWithoutCredentials() throws Exception {
    String storage = serve("/storage/", exchange -> send(exchange, 200, BLOB, Map.of()));
    String host = serve("/v2/", exchange -> {
      if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
        send(exchange, 401, new byte[0], Map.of("WWW-Authenticate", "Basic realm=\"test\""));
      } else {
        send(exchange, 307, new byte[0], Map.of("Location", "http://" + storage + "/storage/blob?signature=x"));
      }
    });
    ImageReference repo = ImageReference.parse(host + "/a/b:1");
    RegistryClient client = RegistryClient.builder().plainHttp(host).plainHttp(storage).retry(FAST)
        .credentials(CredentialSource.of(Map.of(host, new Credential("u", "p", "test")))).build();

    try (InputStream in = client.openBlob(repo, BLOB_DESCRIPTOR)) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
    }
    assertThat(authorizations).containsExactly("null", "Basic dTpw", "null");
  }

  @Test
  @DisplayName("When a registry redirects to plain HTTP that was not allowed, then the redirect is refused")
  void redirectToPlainHttpRefused() throws Exception {
    String storage = serve("/storage/", exchange -> send(exchange, 200, BLOB, Map.of()));
    String host = serve("/v2/", exchange ->
        send(exchange, 302, new byte[0], Map.of("Location", "http://" + storage + "/storage/blob")));
    ImageReference repo = ImageReference.parse(host + "/a/b:1");
    assertThatThrownBy(() -> client(host, FAST, CredentialSource.anonymous()).openBlob(repo, BLOB_DESCRIPTOR))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("is at http://" + storage + ", and plain HTTP is allowed only for registries");
  }

  @Test
  @DisplayName("When a registry is not allowed plain HTTP, then the client speaks TLS to it and fails saying so")
  void httpsByDefault() throws Exception {
    String host = serve("/v2/", exchange -> send(exchange, 200, BLOB, Map.of()));
    ImageReference ref = ImageReference.parse(host + "/a/b:1");
    RegistryClient client = RegistryClient.builder().retry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
        .timeout(Duration.ofSeconds(1)).build();
    assertThatThrownBy(() -> client.fetchManifest(ref))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("https://" + host);
    assertThat(authorizations).isEmpty();
  }

  @Test
  @DisplayName("When a registry refuses an anonymous pull even with a token, then the error says anonymous and that the "
      + "repository may not exist, as Docker Hub answers for one that does not")
  void anonymousRefusal() throws Exception {
    AtomicInteger tokenRequests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String host = "127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/token", exchange -> {
      try (exchange) {
        tokenRequests.incrementAndGet();
        assertThat(exchange.getRequestURI().getQuery()).isEqualTo("service=hub&scope=repository:a/b:pull");
        send(exchange, 200, "{\"access_token\":\"t\"}".getBytes(StandardCharsets.UTF_8), Map.of());
      }
    });
    server.createContext("/v2/", exchange -> {
      try (exchange) {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        send(exchange, 401, new byte[0], Map.of("WWW-Authenticate",
            "Bearer realm=\"http://" + host + "/token\",service=\"hub\",scope=\"repository:a/b:pull\""));
      }
    });
    server.start();
    servers.add(server);
    ImageReference ref = ImageReference.parse(host + "/a/b:1");

    assertThatThrownBy(() -> client(host, FAST, CredentialSource.anonymous()).fetchManifest(ref))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage("registry " + host + " refused pull of a/b to anonymous access (no credentials were configured) (HTTP 401)"
            + "; some registries, Docker Hub among them, answer so when the repository does not exist");
    assertThat(authorizations).containsExactly("null", "Bearer t");
    assertThat(tokenRequests).hasValue(1);
  }

  @Test
  @DisplayName("When nothing listens at the registry's address, then it is tried the policy's number of times and the error "
      + "names the registry and the request")
  void unreachable() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    ImageReference ref = ImageReference.parse(host + "/a/b:1");
    assertThatThrownBy(() -> client(host, FAST, CredentialSource.anonymous()).fetchManifest(ref))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("cannot reach registry " + host + " (GET http://" + host + "/v2/a/b/manifests/1) after 3 attempts: "
            + "ConnectException");
  }
}
