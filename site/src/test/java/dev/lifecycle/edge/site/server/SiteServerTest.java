package dev.lifecycle.edge.site.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.management.OperatorMeters;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The site's port before any part is mounted, spoken to in raw HTTP/1.1 over TLS. */
class SiteServerTest {

  private Vertx vertx;
  private SiteServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    SiteCertificate certificate = SelfSignedCertificate.create("test", new SubjectNames(Set.of("localhost"),
        Set.of("127.0.0.1")), Instant.now());
    server = SiteServer.start(vertx, new ListenAddress("127.0.0.1", 0), certificate, new OperatorProbes(),
        OperatorMeters.prometheus());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("When an agent calls before the gateway is mounted, then it gets 503 with Retry-After, not a hang; "
      + "readiness says the operator is starting")
  void gatewayStarting() throws Exception {
    String answer = exchange("GET /v1/plan HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1")
        .contains("{\"error\":\"Unavailable\",\"message\":\"the gateway is starting: try again in a moment\"}");

    assertThat(exchange("GET /readyz HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 503").endsWith("not ready: the operator is starting\n");
  }

  @Test
  @DisplayName("When a part is mounted, then it answers its prefix; other paths and wrong methods get JSON errors")
  void mountedParts() throws Exception {
    SiteRoutes api = router -> router.get(SitePaths.API + "/ping").handler(ctx -> ctx.response().end("pong"));
    api.mount(server.router());

    assertThat(exchange("GET /api/site/v1/ping HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200").endsWith("pong");
    assertThat(exchange("GET /v2/ HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404").contains("{\"error\":\"NotFound\",\"message\":\"no such path '/v2/'");
    assertThat(exchange("DELETE /api/site/v1/ping HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405").contains("\"error\":\"MethodNotAllowed\"");
  }

  @Test
  @DisplayName("When a request has both Content-Length and Transfer-Encoding, then the port refuses it and closes "
      + "the connection, as the gateway's own port does")
  void ambiguousFraming() throws Exception {
    String answer = exchange("POST /api/site/v1/ping HTTP/1.1\r\nHost: site\r\nContent-Length: 4\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /readyz HTTP/1.1\r\nHost: site\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 400").contains("ambiguous").doesNotContain("not ready");
  }

  /** Sends the bytes, reads until the server closes the connection. */
  private String exchange(String request) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      in.transferTo(read);
      return read.toString(StandardCharsets.UTF_8);
    }
  }
}
