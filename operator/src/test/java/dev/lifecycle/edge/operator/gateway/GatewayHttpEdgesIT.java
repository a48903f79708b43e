package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.gateway.RawHttp.Answer;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge cases of issue 15 (findings 8, 9, 10), each sent as exact bytes on a socket: ambiguous
 * framing, invalid chunked encoding, duplicate credentials, oversized and slow requests. Each is
 * refused with a 4xx and, where the rest of the connection can no longer be trusted, the connection is
 * closed (read to its end here); none changes an API object.
 */
class GatewayHttpEdgesIT {

  private static final Duration HEADERS = Duration.ofSeconds(2);
  private static final Duration BODY = Duration.ofSeconds(2);
  private static CapturedOutput log;
  private static GatewayFixture fixture;
  private static String namespace;
  private static String token;
  private static String credential;

  @BeforeAll
  static void start() {
    log = CapturedOutput.start();
    fixture = GatewayFixture.start(config -> config.withFailures(new GatewayConfig.RateLimit(10_000, 1_000))
        .withRequests(new GatewayConfig.RateLimit(10_000, 1_000))
        .withHostRequests(new GatewayConfig.RateLimit(10_000, 1_000)).withReadTimeouts(HEADERS, BODY));
    namespace = fixture.newNamespace("gw-edges");
    token = fixture.token(namespace, "wave-1", GatewayFixture.spec(null, Map.of()));
    credential = fixture.register(token, "m-edge-a", "a").credential();
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(namespace, "a").getStatus().getPhase()
        == Phase.Available);
  }

  @AfterAll
  static void stop() {
    fixture.close();
    log.close();
  }

  @Test
  @DisplayName("When a request has both Content-Length and Transfer-Encoding, then it is refused with 400 and the "
      + "connection closed, so a smuggled request behind it never runs (finding 8)")
  void contentLengthWithTransferEncodingIsRefused() {
    String smuggled = registration("m-smuggled");
    String chunkedBody = "0\r\n\r\n" + smuggled;
    byte[] request = ("POST /v1/heartbeat HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + credential
        + "\r\nContent-Type: application/json\r\nContent-Length: " + chunkedBody.length()
        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody).getBytes(StandardCharsets.UTF_8);
    Map<String, String> before = fixture.versions(namespace);

    refusedAndClosed(request, "both Content-Length and Transfer-Encoding");
    assertThat(hostOf("m-smuggled")).as("the smuggled registration never ran").isEmpty();
    assertThat(fixture.versions(namespace)).isEqualTo(before);
  }

  @Test
  @DisplayName("When a chunked body has an invalid chunk size, then the answer is a 400 (counted and logged as one, "
      + "never as a 500) and the connection is closed (finding 10)")
  void invalidChunkIsA400() {
    int logged = log.mark();
    double failedBefore = count("/v1/register", "500");
    double refusedBefore = count("/v1/register", "400");
    byte[] request = ("POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"tok\r\nzz\r\nen\"\r\n0\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    Map<String, String> before = fixture.versions(namespace);

    refusedAndClosed(request, "invalid chunked encoding");
    await().atMost(Duration.ofSeconds(5)).until(() -> count("/v1/register", "400") == refusedBefore + 1);
    assertThat(count("/v1/register", "500")).isEqualTo(failedBefore);
    assertThat(log.since(logged)).contains("POST /v1/register", "refused: 400 BadRequest")
        .doesNotContain(": failed: ");
    assertThat(fixture.versions(namespace)).isEqualTo(before);
  }

  @Test
  @DisplayName("When a request carries two Authorization headers, then it is refused with 400 whichever comes first "
      + "(finding 10)")
  void duplicateAuthorizationIsRefused() {
    for (List<String> values : List.of(List.of(credential, "ehc1.forged.secret"),
        List.of("ehc1.forged.secret", credential), List.of(credential, credential))) {
      byte[] request = ("GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + values.get(0)
          + "\r\nAuthorization: Bearer " + values.get(1) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
      try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
        Answer answer = raw.send(request).read();

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"error\":\"BadRequest\"", "'Authorization' appears more than once");
      }
    }
  }

  @Test
  @DisplayName("When a body is declared larger than the limit, then the answer is 413 and the connection is closed "
      + "without reading the body (finding 9)")
  void oversizeBodyIsRefusedAndTheConnectionClosed() {
    byte[] head = ("POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000000\r\n\r\n{\"token\":\"").getBytes(StandardCharsets.UTF_8);

    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      Answer answer = raw.send(head).read();

      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.body()).contains("PayloadTooLarge", "larger than 65536 bytes");
      assertThat(raw.closedWithin(Duration.ofSeconds(5))).as("connection closed after the 413").isTrue();
    }
  }

  @Test
  @DisplayName("When a chunked body grows beyond the limit, then the answer is 413 and the connection is closed "
      + "(finding 9)")
  void oversizeChunkedBodyIsRefusedAndTheConnectionClosed() {
    String chunk = Integer.toHexString(16 * 1024) + "\r\n" + "x".repeat(16 * 1024) + "\r\n";
    byte[] request = ("POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + chunk.repeat(5)).getBytes(StandardCharsets.UTF_8);

    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      Answer answer = raw.send(request).read();

      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(raw.closedWithin(Duration.ofSeconds(5))).as("connection closed after the 413").isTrue();
    }
  }

  @Test
  @DisplayName("When a client sends its headers a byte at a time, then the connection is closed once the header "
      + "deadline passes, however often bytes arrive (finding 9)")
  void slowHeadersAreCutOff() {
    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      raw.send("POST /v1/register HTTP/1.1\r\nHost: gateway\r\n");

      assertThat(trickleUntilClosed(raw)).as("closed within a few header deadlines")
          .isLessThan(HEADERS.multipliedBy(3));
    }
  }

  @Test
  @DisplayName("When a client sends its body a byte at a time, then it gets 408 and the connection is closed once "
      + "the body deadline passes, and nothing is registered (finding 9)")
  void slowBodyIsCutOff() {
    String body = registration("m-slow");
    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      raw.send("POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n");
      long started = System.nanoTime();
      for (int i = 0; i < body.length() - 1 && !raw.answered()
          && Duration.ofNanos(System.nanoTime() - started).compareTo(BODY.multipliedBy(3)) < 0; i++) {
        raw.send(body.substring(i, i + 1));
        sleep(Duration.ofMillis(300));
      }
      Answer answer = raw.read();

      assertThat(answer.status()).as(answer.body()).isEqualTo(408);
      assertThat(answer.body()).contains("RequestTimeout", "the request body did not arrive within 2 s");
      assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BODY.multipliedBy(3));
    }
    assertThat(hostOf("m-slow")).isEmpty();
  }

  @Test
  @DisplayName("When a kept-alive connection trickles its next request, then the header deadline holds for it too "
      + "(finding 9)")
  void slowSecondRequestIsCutOff() {
    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      Answer first = raw.send(RawHttp.request("GET", "/v1/plan", Map.of("Authorization", "Bearer " + credential),
          null)).read();
      assertThat(first.status()).isIn(200, 204);
      raw.send("GET /v1/plan HTTP/1.1\r\n");

      assertThat(trickleUntilClosed(raw)).isLessThan(HEADERS.multipliedBy(3));
    }
  }

  @Test
  @DisplayName("When well-formed requests follow each other on one connection, then they are all answered: the "
      + "deadlines bound slow requests only")
  void keepAliveStillServes() {
    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      for (int i = 0; i < 3; i++) {
        Answer answer = raw.send(RawHttp.request("POST", "/v1/heartbeat", Map.of("Authorization", "Bearer "
            + credential), null)).read();
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        sleep(HEADERS.dividedBy(4));
      }
    }
  }

  /** Sends the request; asserts a 400 with the message fragment, then the connection's end. */
  private static void refusedAndClosed(byte[] request, String message) {
    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      Answer answer = raw.send(request).read();

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("\"error\":\"BadRequest\"", message);
      assertThat(raw.closedWithin(Duration.ofSeconds(5))).as("connection closed after the refusal").isTrue();
    }
  }

  /** Sends a header byte every 300 ms until the connection is closed: how long that took (4 deadlines at most). */
  private static Duration trickleUntilClosed(RawHttp raw) {
    long started = System.nanoTime();
    while (Duration.ofNanos(System.nanoTime() - started).compareTo(HEADERS.multipliedBy(4)) < 0) {
      raw.send("X");
      if (raw.closedWithin(Duration.ofMillis(300))) {
        break;
      }
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static String registration(String machineId) {
    return "{\"token\":\"" + token + "\",\"machineId\":\"" + machineId + "\"}";
  }

  private static List<EdgeHost> hostOf(String machineId) {
    sleep(Duration.ofMillis(500));
    return fixture.client().resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(host -> machineId.equals(host.getSpec().getMachineId())).toList();
  }

  private static double count(String endpoint, String status) {
    return fixture.meters().find("edge.gateway.requests").tags("endpoint", endpoint, "status", status).timers()
        .stream().mapToDouble(Timer::count).sum();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
