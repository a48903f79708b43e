package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests, each with the exact answer it gets: status, error code and a part of the
 * message; and each changes nothing (every EdgeHost's and RegistrationToken's resourceVersion in the
 * namespace is the same after it, and no host appears). Placeholders in a case: {token} (a valid
 * registration token), {a} and {b} (the credentials of hosts a and b).
 */
class GatewayBadRequestsIT {

  private static final String JSON = "application/json";
  private static GatewayFixture fixture;
  private static String namespace;
  private static Map<String, String> values;

  /** One bad request and its answer. */
  record Case(String name, String method, String path, Map<String, String> headers, String body, int status,
      String error, String message) {

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() {
    fixture = GatewayFixture.start();
    namespace = fixture.newNamespace("gw-bad");
    String token = fixture.token(namespace, "wave-1", GatewayFixture.spec(5, Map.of()));
    String a = fixture.register(token, "m-bad-a", "a").credential();
    String b = fixture.register(token, "m-bad-b", "b").credential();
    values = Map.of("{token}", token, "{a}", a, "{b}", b);
    await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of("a", "b")
        .allMatch(host -> fixture.host(namespace, host).getStatus().getPhase() == Phase.Available)
        && fixture.client().resources(RegistrationToken.class).inNamespace(namespace).withName("wave-1").get()
            .getStatus().getRegistrations() == 2);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static List<Case> corpus() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"";
    Map<String, String> json = Map.of("Content-Type", JSON);
    Map<String, String> bearerA = Map.of("Authorization", "Bearer {a}");
    Map<String, String> reportA = Map.of("Authorization", "Bearer {a}", "Content-Type", JSON);
    return List.of(
        post("malformed JSON", "/v1/register", json, register, 400, "BadRequest", "malformed JSON at line 1"),
        post("empty body", "/v1/register", json, "", 400, "BadRequest", "the request body is empty"),
        post("JSON array instead of an object", "/v1/register", json, "[]", 400, "BadRequest",
            "must be a JSON object"),
        post("JSON string instead of an object", "/v1/register", json, "\"register me\"", 400, "BadRequest",
            "must be a JSON object"),
        post("two JSON objects", "/v1/register", json, register + "} {}", 400, "BadRequest", "exactly one JSON object"),
        post("body over 64 KiB", "/v1/register", json, register + ",\"hostname\":\"" + "x".repeat(70_000) + "\"}",
            413, "PayloadTooLarge", "larger than 65536 bytes"),
        post("text/plain content type", "/v1/register", Map.of("Content-Type", "text/plain"), register + "}", 415,
            "UnsupportedMediaType", "must be application/json, not 'text/plain'"),
        post("no content type", "/v1/register", Map.of(), register + "}", 415, "UnsupportedMediaType",
            "without Content-Type"),
        post("JSON in another charset", "/v1/register", Map.of("Content-Type", "application/json; charset=latin1"),
            register + "}", 415, "UnsupportedMediaType", "must be application/json"),
        post("missing token", "/v1/register", json, "{\"machineId\":\"m-bad-c\"}", 400, "BadRequest",
            "token is required"),
        post("missing machineId", "/v1/register", json, "{\"token\":\"{token}\"}", 400, "BadRequest",
            "machineId is required"),
        post("machineId too long", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"" + "m".repeat(129)
            + "\"}", 400, "BadRequest", "machineId is longer than 128"),
        post("machineId with a path", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"../etc/passwd\"}",
            400, "BadRequest", "machineId must start with a letter or digit"),
        post("unknown field", "/v1/register", json, register + ",\"shoeSize\":44}", 400, "BadRequest",
            "unknown field 'shoeSize'"),
        post("unknown nested field", "/v1/register", json, register + ",\"inventory\":{\"gpu\":1}}", 400,
            "BadRequest", "unknown field 'inventory.gpu'"),
        post("token of the wrong type", "/v1/register", json, "{\"token\":42,\"machineId\":\"m-bad-c\"}", 400,
            "BadRequest", "field 'token' has the wrong type: expected a string"),
        post("number as a string", "/v1/register", json, register + ",\"inventory\":{\"cpuCores\":\"4\"}}", 400,
            "BadRequest", "field 'inventory.cpuCores' has the wrong type: expected an integer"),
        post("duplicate field", "/v1/register", json, register + ",\"machineId\":\"m-bad-d\"}", 400, "BadRequest",
            "a field appears more than once"),
        post("invalid label key", "/v1/register", json, register + ",\"labels\":{\"bad key!\":\"a\"}}", 400,
            "BadRequest", "label key 'bad key!' is not a Kubernetes label key"),
        post("invalid label value", "/v1/register", json, register + ",\"labels\":{\"rack\":\"-a-\"}}", 400,
            "BadRequest", "label 'rack' must have a value"),
        post("invalid site hostname", "/v1/register", json, register + ",\"site\":{\"hostname\":\"Store_A\"}}", 400,
            "BadRequest", "site.hostname must be a DNS-1123 name"),
        post("a host credential as the token", "/v1/register", json,
            "{\"token\":\"{a}\",\"machineId\":\"m-bad-c\"}", 401, "Unauthorized", "unknown registration token"),
        get("plan without Authorization", "/v1/plan", Map.of(), 401, "Unauthorized", "missing Authorization header"),
        get("plan with the Basic scheme", "/v1/plan", Map.of("Authorization", "Basic YTpi"), 401, "Unauthorized",
            "must be 'Bearer <host credential>'"),
        get("plan with a forged credential", "/v1/plan", Map.of("Authorization", "Bearer " + forged("ns/a")), 401,
            "Unauthorized", "malformed host credential"),
        get("plan with a forged credential for host a", "/v1/plan", Map.of("Authorization", "Bearer {forged-a}"),
            401, "Unauthorized", "the host credential is not valid"),
        get("plan with a truncated credential", "/v1/plan", Map.of("Authorization", "Bearer {a-truncated}"), 401,
            "Unauthorized", "malformed host credential"),
        post("heartbeat for host b with host a's secret", "/v1/heartbeat", Map.of("Authorization",
            "Bearer {b-with-a-secret}"), null, 401, "Unauthorized", "the host credential is not valid"),
        post("report for a host that does not exist", "/v1/report", Map.of("Authorization",
            "Bearer {ghost-with-a-secret}", "Content-Type", JSON), "{\"planGeneration\":1,\"state\":\"Applied\"}",
            401, "Unauthorized", "the host credential is not valid"),
        post("report with a bad state", "/v1/report", reportA, "{\"planGeneration\":1,\"state\":\"Done\"}", 400,
            "BadRequest", "state 'Done' is not one of Applying, Applied, Failed"),
        post("report with a negative generation", "/v1/report", reportA,
            "{\"planGeneration\":-1,\"state\":\"Applied\"}", 400, "BadRequest", "planGeneration must be a positive"),
        post("report on a plan the host never had", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Applied\"}", 400, "BadRequest", "the host has no plan to report on"),
        post("report with an unknown field", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Applied\",\"host\":\"b\"}", 400, "BadRequest", "unknown field 'host'"),
        post("report as text/plain", "/v1/report", Map.of("Authorization", "Bearer {a}", "Content-Type",
            "text/plain"), "planGeneration=1", 415, "UnsupportedMediaType", "must be application/json"),
        post("heartbeat with malformed JSON", "/v1/heartbeat", reportA, "{not json", 400, "BadRequest",
            "malformed JSON"),
        post("heartbeat with a field", "/v1/heartbeat", reportA, "{\"lastSeen\":\"2020-01-01T00:00:00Z\"}", 400,
            "BadRequest", "unknown field 'lastSeen': this object has no fields"),
        post("heartbeat with a text body", "/v1/heartbeat", Map.of("Authorization", "Bearer {a}", "Content-Type",
            "text/plain"), "alive", 415, "UnsupportedMediaType", "a heartbeat body must be application/json"),
        get("dot-dot segment back to the plan", "/v1/../v1/plan", bearerA, 404, "NotFound",
            "paths are matched exactly as written"),
        get("dot-dot segments out of /v1", "/v1/plan/../../admin", bearerA, 404, "NotFound",
            "no such path '/v1/plan/../../admin'"),
        post("double slash", "//v1/register", json, register + "}", 404, "NotFound", "no such path '//v1/register'"),
        post("encoded slash", "/v1/register%2F..", json, register + "}", 404, "NotFound",
            "without '.' or '..' segments, empty segments or percent-encoding"),
        post("upper-case path", "/v1/REGISTER", json, register + "}", 404, "NotFound", "no such path"),
        get("unknown path", "/admin", Map.of(), 404, "NotFound", "the gateway serves POST /v1/register"),
        get("GET on the register path", "/v1/register", Map.of(), 405, "MethodNotAllowed",
            "wrong method for this path"),
        new Case("DELETE on the plan path", "DELETE", "/v1/plan", bearerA, null, 405, "MethodNotAllowed",
            "wrong method for this path"),
        get("headers over 8 KiB", "/v1/plan", Map.of("Authorization", "Bearer {a}", "X-Padding", "p".repeat(9000)),
            400, "BadRequest", "the request headers are larger than 8192 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("When a bad request arrives, then it gets its exact 4xx with a clear message and changes nothing")
  void badRequestChangesNothing(Case bad) {
    Map<String, String> before = fixture.versions(namespace);

    HttpResponse<String> response = fixture.send(request(bad));

    JsonNode body = GatewayFixture.parse(response.body());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
    assertThat(response.headers().firstValue("Content-Type")).contains(JSON);
    assertThat(body.path("error").asText()).isEqualTo(bad.error());
    assertThat(body.path("message").asText()).contains(bad.message());
    assertThat(response.body()).doesNotContain(values.get("{token}")).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(fixture.versions(namespace)).isEqualTo(before);
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(namespace).list().getItems()).hasSize(2);
  }

  private static HttpRequest.Builder request(Case bad) {
    HttpRequest.BodyPublisher body = bad.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(fill(bad.body()));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.gateway().port()
        + bad.path())).method(bad.method(), body);
    bad.headers().forEach((name, value) -> request.header(name, fill(value)));
    return request;
  }

  private static String fill(String text) {
    String a = values.get("{a}");
    String secretOfA = a.substring(a.lastIndexOf('.') + 1);
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("{forged-a}", a.substring(0, a.lastIndexOf('.') + 1) + secret());
    all.put("{a-truncated}", a.substring(0, a.length() - 5));
    all.put("{b-with-a-secret}", "ehc1." + encode(namespace + "/b") + "." + secretOfA);
    all.put("{ghost-with-a-secret}", "ehc1." + encode(namespace + "/ghost") + "." + secretOfA);
    String filled = text;
    for (Map.Entry<String, String> value : all.entrySet()) {
      filled = filled.replace(value.getKey(), value.getValue());
    }
    return filled;
  }

  private static Case post(String name, String path, Map<String, String> headers, String body, int status,
      String error, String message) {
    return new Case(name, "POST", path, headers, body, status, error, message);
  }

  private static Case get(String name, String path, Map<String, String> headers, int status, String error,
      String message) {
    return new Case(name, "GET", path, headers, null, status, error, message);
  }

  private static String forged(String subject) {
    return "ehc1." + encode(subject) + "." + secret().substring(0, 20);
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
