package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.operator.gateway.RawHttp.Answer;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's hostile-request corpus: each case is the exact bytes an attacker sends on a socket, and
 * the exact answer it gets (status, error code, a part of the message), by class: framing, media types,
 * JSON, authentication, paths and methods, sizes, report contents. Each changes nothing (every EdgeHost's
 * and RegistrationToken's resourceVersion in the namespace is the same after it, and no host appears),
 * leaves no token or credential in the log, and, where the rest of the connection cannot be trusted, is
 * followed by the connection's end. Slow requests are {@link GatewayHttpEdgesIT}'s.
 *
 * <p>Placeholders in a case: {token} (a valid registration token), {expired}, {revoked}, {exhausted}
 * (tokens in those phases), {a} and {b} (the credentials of hosts a and b), {length} (the body's length
 * in bytes, computed when sent) and {0xFF} (that byte, which is not UTF-8).
 */
class GatewayBadRequestsIT {

  private static final String JSON = "application/json";
  private static final String INVALID_BYTE = "{0xFF}";
  private static CapturedOutput log;
  private static GatewayFixture fixture;
  private static String namespace;
  private static Map<String, String> values;

  /** One hostile request and its answer; {@code closes}: the gateway ends the connection after answering. */
  record Case(String name, String request, int status, String error, String message, boolean closes) {

    Case closing() {
      return new Case(name, request, status, error, message, true);
    }

    Case open() {
      return new Case(name, request, status, error, message, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() {
    log = CapturedOutput.start();
    fixture = GatewayFixture.start();
    namespace = fixture.newNamespace("gw-bad");
    String token = fixture.token(namespace, "wave-1", GatewayFixture.spec(5, Map.of()));
    String exhausted = fixture.token(namespace, "wave-0", GatewayFixture.spec(1, Map.of()));
    String expired = fixture.token(namespace, "old", GatewayFixture.spec(null, Map.of()));
    String revoked = fixture.token(namespace, "leaked", GatewayFixture.spec(null, Map.of()));
    String a = fixture.register(token, "m-bad-a", "a").credential();
    String b = fixture.register(token, "m-bad-b", "b").credential();
    String z = fixture.register(exhausted, "m-bad-z", "z").credential();
    change("old", spec -> {
      spec.setTtl(null);
      spec.setExpiresAt(Instant.now().minusSeconds(60).toString());
    });
    change("leaked", spec -> spec.setRevoked(true));
    values = Map.of("{token}", token, "{a}", a, "{b}", b, "{z}", z, "{exhausted}", exhausted, "{expired}", expired,
        "{revoked}", revoked);
    await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of("a", "b", "z")
        .allMatch(host -> fixture.host(namespace, host).getStatus().getPhase() == Phase.Available)
        && registrations("wave-1") == 2 && registrations("wave-0") == 1
        && fixture.gateway().caches().tokenFor(expired).orElseThrow().getSpec().getExpiresAt() != null
        && fixture.gateway().caches().tokenFor(revoked).orElseThrow().getSpec().isRevoked());
  }

  @AfterAll
  static void stop() {
    fixture.close();
    log.close();
  }

  static List<Case> corpus() {
    List<Case> corpus = new ArrayList<>();
    corpus.addAll(framing());
    corpus.addAll(mediaTypes());
    corpus.addAll(json());
    corpus.addAll(authentication());
    corpus.addAll(pathsAndMethods());
    corpus.addAll(sizes());
    corpus.addAll(reports());
    return corpus;
  }

  static List<Case> framing() {
    String chunked = "POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    return List.of(
        raw("Content-Length and Transfer-Encoding", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400, "BadRequest", "both Content-Length and Transfer-Encoding"),
        raw("Transfer-Encoding and Content-Length smuggling a request", "POST /v1/heartbeat HTTP/1.1\r\n"
            + "Host: gateway\r\nAuthorization: Bearer {a}\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
            + "5c\r\nGET /v1/plan HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {b}\r\n\r\n\r\n0\r\n\r\n", 400,
            "BadRequest", "its length is ambiguous"),
        raw("two different Content-Lengths", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\n{}{}", 400,
            "BadRequest", "Content-Length"),
        raw("two equal Content-Lengths", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400,
            "BadRequest", "Content-Length"),
        raw("negative Content-Length", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}", 400, "BadRequest", "Content-Length"),
        raw("Content-Length that is no number", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2x\r\n\r\n{}", 400, "BadRequest", "Content-Length"),
        raw("invalid chunk size", chunked + "zz\r\n{}\r\n0\r\n\r\n", 400, "BadRequest", "invalid chunked encoding"),
        raw("negative chunk size", chunked + "-2\r\n{}\r\n0\r\n\r\n", 400, "BadRequest", "invalid chunked encoding"),
        raw("chunk size beyond a long", chunked + "fffffffffffffffffff\r\n{}\r\n0\r\n\r\n", 400, "BadRequest",
            "invalid chunked encoding"),
        raw("chunk longer than its size", chunked + "2\r\n{}}}}\r\n0\r\n\r\n", 400, "BadRequest",
            "invalid chunked encoding"),
        raw("request line that is not HTTP", "HELLO GATEWAY\r\n\r\n", 400, "BadRequest", "not valid HTTP/1.1"),
        raw("header without a colon", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nAuthorization Bearer {a}\r\n\r\n",
            400, "BadRequest", "not valid HTTP/1.1"),
        raw("space before a header's colon", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nAuthorization : Bearer {a}"
            + "\r\n\r\n", 400, "BadRequest", "not valid HTTP/1.1"),
        raw("control character in a header name", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nX-\u0001: 1\r\n\r\n",
            400, "BadRequest", "not valid HTTP/1.1"));
  }

  static List<Case> mediaTypes() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"}";
    return List.of(
        post("text/plain content type", "/v1/register", Map.of("Content-Type", "text/plain"), register, 415,
            "UnsupportedMediaType", "must be application/json, not 'text/plain'"),
        post("no content type", "/v1/register", Map.of(), register, 415, "UnsupportedMediaType",
            "without Content-Type"),
        post("JSON in another charset", "/v1/register", Map.of("Content-Type", "application/json; charset=latin1"),
            register, 415, "UnsupportedMediaType", "must be application/json"),
        post("JSON in UTF-16", "/v1/register", Map.of("Content-Type", "application/json; charset=utf-16"), register,
            415, "UnsupportedMediaType", "must be application/json"),
        post("a JSON-like type", "/v1/register", Map.of("Content-Type", "application/json-patch+json"), register,
            415, "UnsupportedMediaType", "not 'application/json-patch+json'"),
        post("form data", "/v1/register", Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "token={token}&machineId=m-bad-c", 415, "UnsupportedMediaType", "must be application/json"),
        post("multipart", "/v1/register", Map.of("Content-Type", "multipart/form-data; boundary=x"), register, 415,
            "UnsupportedMediaType", "must be application/json"),
        raw("two content types", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\nContent-Type: text/plain\r\n"
            + "Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n" + register, 400, "BadRequest",
            "'Content-Type' appears more than once").open(),
        post("report as text/plain", "/v1/report", Map.of("Authorization", "Bearer {a}", "Content-Type",
            "text/plain"), "planGeneration=1", 415, "UnsupportedMediaType", "must be application/json"),
        post("heartbeat with a text body", "/v1/heartbeat", Map.of("Authorization", "Bearer {a}", "Content-Type",
            "text/plain"), "alive", 415, "UnsupportedMediaType", "a heartbeat body must be application/json"));
  }

  static List<Case> json() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"";
    Map<String, String> json = Map.of("Content-Type", JSON);
    Map<String, String> reportA = Map.of("Authorization", "Bearer {a}", "Content-Type", JSON);
    return List.of(
        post("malformed JSON", "/v1/register", json, register, 400, "BadRequest", "malformed JSON at line 1"),
        post("empty body", "/v1/register", json, "", 400, "BadRequest", "the request body is empty"),
        post("blank body", "/v1/register", json, " \n\t ", 400, "BadRequest", "the request body is empty"),
        post("JSON null", "/v1/register", json, "null", 400, "BadRequest", "the request body is null"),
        post("JSON array instead of an object", "/v1/register", json, "[]", 400, "BadRequest",
            "must be a JSON object"),
        post("JSON string instead of an object", "/v1/register", json, "\"register me\"", 400, "BadRequest",
            "must be a JSON object"),
        post("JSON number instead of an object", "/v1/register", json, "42", 400, "BadRequest",
            "must be a JSON object"),
        post("two JSON objects", "/v1/register", json, register + "} {}", 400, "BadRequest", "exactly one JSON object"),
        post("trailing comma", "/v1/register", json, register + ",}", 400, "BadRequest", "malformed JSON"),
        post("single quotes", "/v1/register", json, "{'token':'{token}','machineId':'m-bad-c'}", 400, "BadRequest",
            "malformed JSON"),
        post("a comment", "/v1/register", json, register + " /* me */}", 400, "BadRequest", "malformed JSON"),
        post("NaN", "/v1/register", json, register + ",\"inventory\":{\"cpuCores\":NaN}}", 400, "BadRequest",
            "malformed JSON"),
        post("missing token", "/v1/register", json, "{\"machineId\":\"m-bad-c\"}", 400, "BadRequest",
            "token is required"),
        post("missing machineId", "/v1/register", json, "{\"token\":\"{token}\"}", 400, "BadRequest",
            "machineId is required"),
        post("machineId too long", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"" + "m".repeat(129)
            + "\"}", 400, "BadRequest", "machineId is longer than 128"),
        post("machineId with a path", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"../etc/passwd\"}",
            400, "BadRequest", "machineId must start with a letter or digit"),
        post("machineId with an escaped NUL", "/v1/register", json,
            "{\"token\":\"{token}\",\"machineId\":\"m\\u0000x\"}", 400, "BadRequest",
            "machineId must start with a letter or digit"),
        post("raw NUL in a string", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"m\u0000x\"}", 400,
            "BadRequest", "malformed JSON"),
        post("raw control character in a string", "/v1/register", json,
            "{\"token\":\"{token}\",\"machineId\":\"m\u001b[2Jx\"}", 400, "BadRequest", "malformed JSON"),
        post("hostname with an escaped escape sequence", "/v1/register", json, register
            + ",\"hostname\":\"\\u001b[31mred\"}", 400, "BadRequest", "hostname must be 1 to"),
        post("invalid UTF-8", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"m" + INVALID_BYTE + "\"}",
            400, "BadRequest", "malformed JSON"),
        post("overlong UTF-8", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":\"m\u00c0\u00af\"}", 400,
            "BadRequest", "machineId must start with a letter or digit"),
        post("unknown field", "/v1/register", json, register + ",\"shoeSize\":44}", 400, "BadRequest",
            "unknown field 'shoeSize'"),
        post("unknown nested field", "/v1/register", json, register + ",\"inventory\":{\"gpu\":1}}", 400,
            "BadRequest", "unknown field 'inventory.gpu'"),
        post("token of the wrong type", "/v1/register", json, "{\"token\":42,\"machineId\":\"m-bad-c\"}", 400,
            "BadRequest", "field 'token' has the wrong type: expected a string"),
        post("machineId as a boolean", "/v1/register", json, "{\"token\":\"{token}\",\"machineId\":true}", 400,
            "BadRequest", "field 'machineId' has the wrong type: expected a string"),
        post("number as a string", "/v1/register", json, register + ",\"inventory\":{\"cpuCores\":\"4\"}}", 400,
            "BadRequest", "field 'inventory.cpuCores' has the wrong type: expected an integer"),
        post("fraction for an integer", "/v1/register", json, register + ",\"inventory\":{\"cpuCores\":4.5}}", 400,
            "BadRequest", "inventory.cpuCores"),
        post("number beyond a long", "/v1/register", json, register + ",\"inventory\":{\"memoryBytes\":"
            + "99999999999999999999999}}", 400, "BadRequest", "in field 'inventory.memoryBytes'"),
        post("number of 2000 digits", "/v1/register", json, register + ",\"inventory\":{\"memoryBytes\":"
            + "9".repeat(2000) + "}}", 400, "BadRequest", "in field 'inventory"),
        post("inventory as an array", "/v1/register", json, register + ",\"inventory\":[1,2]}", 400, "BadRequest",
            "field 'inventory' has the wrong type"),
        post("label with a number value", "/v1/register", json, register + ",\"labels\":{\"rack\":1}}", 400,
            "BadRequest", "labels.rack"),
        post("deep nesting", "/v1/register", json, register + ",\"inventory\":" + "[".repeat(5000)
            + "]".repeat(5000) + "}", 400, "BadRequest", "field 'inventory' has the wrong type"),
        post("deep nesting in an unknown field", "/v1/register", json, register + ",\"x\":" + "[".repeat(5000)
            + "]".repeat(5000) + "}", 400, "BadRequest", "beyond the JSON limits (nesting depth"),
        post("duplicate field", "/v1/register", json, register + ",\"machineId\":\"m-bad-d\"}", 400, "BadRequest",
            "a field appears more than once"),
        post("duplicate nested field", "/v1/register", json, register
            + ",\"inventory\":{\"cpuCores\":1,\"cpuCores\":64}}", 400, "BadRequest", "a field appears more than once"),
        post("invalid label key", "/v1/register", json, register + ",\"labels\":{\"bad key!\":\"a\"}}", 400,
            "BadRequest", "label key 'bad key!' is not a Kubernetes label key"),
        post("invalid label value", "/v1/register", json, register + ",\"labels\":{\"rack\":\"-a-\"}}", 400,
            "BadRequest", "label 'rack' must have a value"),
        post("invalid site hostname", "/v1/register", json, register + ",\"site\":{\"hostname\":\"Store_A\"}}", 400,
            "BadRequest", "site.hostname must be a DNS-1123 name"),
        post("heartbeat with malformed JSON", "/v1/heartbeat", reportA, "{not json", 400, "BadRequest",
            "malformed JSON"),
        post("heartbeat with a field", "/v1/heartbeat", reportA, "{\"lastSeen\":\"2020-01-01T00:00:00Z\"}", 400,
            "BadRequest", "unknown field 'lastSeen': this object has no fields"));
  }

  static List<Case> authentication() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"}";
    Map<String, String> json = Map.of("Content-Type", JSON);
    return List.of(
        post("a host credential as the token", "/v1/register", json,
            "{\"token\":\"{a}\",\"machineId\":\"m-bad-c\"}", 401, "Unauthorized", "unknown registration token"),
        post("a token that never existed", "/v1/register", json,
            "{\"token\":\"ert1.nothing-of-ours\",\"machineId\":\"m-bad-c\"}", 401, "Unauthorized",
            "unknown registration token"),
        post("an expired token", "/v1/register", json, "{\"token\":\"{expired}\",\"machineId\":\"m-bad-c\"}", 403,
            "TokenExpired", "registration token old is expired"),
        post("a revoked token", "/v1/register", json, "{\"token\":\"{revoked}\",\"machineId\":\"m-bad-c\"}", 403,
            "TokenRevoked", "registration token leaked is revoked"),
        post("an exhausted token", "/v1/register", json, "{\"token\":\"{exhausted}\",\"machineId\":\"m-bad-c\"}",
            403, "TokenExhausted", "registration token wave-0 is exhausted"),
        get("plan without Authorization", "/v1/plan", Map.of(), 401, "Unauthorized", "missing Authorization header"),
        post("heartbeat without Authorization", "/v1/heartbeat", Map.of(), null, 401, "Unauthorized",
            "missing Authorization header"),
        get("plan with the Basic scheme", "/v1/plan", Map.of("Authorization", "Basic YTpi"), 401, "Unauthorized",
            "must be 'Bearer <host credential>'"),
        get("plan with the Token scheme", "/v1/plan", Map.of("Authorization", "Token {a}"), 401, "Unauthorized",
            "must be 'Bearer <host credential>'"),
        get("plan with Bearer and nothing", "/v1/plan", Map.of("Authorization", "Bearer "), 401, "Unauthorized",
            "must be 'Bearer <host credential>'"),
        get("plan with two credentials in one header", "/v1/plan", Map.of("Authorization", "Bearer {a} {b}"), 401,
            "Unauthorized", "must be 'Bearer <host credential>'"),
        get("plan with a credential of 4 KiB", "/v1/plan", Map.of("Authorization", "Bearer " + "x".repeat(4096)),
            401, "Unauthorized", "must be 'Bearer <host credential>'"),
        get("plan with the registration token as credential", "/v1/plan", Map.of("Authorization", "Bearer {token}"),
            401, "Unauthorized", "malformed host credential"),
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
        raw("two Authorization headers, the valid one first", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\n"
            + "Authorization: Bearer {a}\r\nAuthorization: Bearer {forged-a}\r\n\r\n", 400, "BadRequest",
            "'Authorization' appears more than once").open(),
        raw("two Authorization headers, the valid one last", "POST /v1/heartbeat HTTP/1.1\r\nHost: gateway\r\n"
            + "Authorization: Bearer {forged-a}\r\nAuthorization: Bearer {a}\r\n\r\n", 400, "BadRequest",
            "'Authorization' appears more than once").open(),
        raw("two Host headers", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nHost: evil\r\nAuthorization: Bearer {a}"
            + "\r\n\r\n", 400, "BadRequest", "'Host' appears more than once").open(),
        post("register with host a's credential in Authorization only", "/v1/register", Map.of("Authorization",
            "Bearer {a}", "Content-Type", JSON), "{\"machineId\":\"m-bad-a\"}", 400, "BadRequest",
            "token is required"));
  }

  static List<Case> pathsAndMethods() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"}";
    Map<String, String> json = Map.of("Content-Type", JSON);
    Map<String, String> bearerA = Map.of("Authorization", "Bearer {a}");
    return List.of(
        get("dot-dot segment back to the plan", "/v1/../v1/plan", bearerA, 404, "NotFound",
            "paths are matched exactly as written"),
        get("dot-dot segments out of /v1", "/v1/plan/../../admin", bearerA, 404, "NotFound",
            "no such path '/v1/plan/../../admin'"),
        get("encoded dot-dot segments", "/v1/%2e%2e/v1/plan", bearerA, 404, "NotFound", "no such path"),
        post("double slash", "//v1/register", json, register, 404, "NotFound", "no such path '//v1/register'"),
        post("encoded slash", "/v1/register%2F..", json, register, 404, "NotFound",
            "without '.' or '..' segments, empty segments or percent-encoding"),
        get("backslash", "/v1\\plan", bearerA, 404, "NotFound", "no such path"),
        get("trailing slash", "/v1/plan/", bearerA, 404, "NotFound", "no such path"),
        get("path parameter", "/v1/plan;jsessionid=1", bearerA, 404, "NotFound", "no such path"),
        get("encoded NUL", "/v1/plan%00", bearerA, 404, "NotFound", "no such path"),
        get("path of 3000 characters", "/v1/" + "p".repeat(3000), bearerA, 404, "NotFound", "no such path"),
        post("upper-case path", "/v1/REGISTER", json, register, 404, "NotFound", "no such path"),
        get("unknown path", "/admin", Map.of(), 404, "NotFound", "the gateway serves POST /v1/register"),
        get("the root", "/", Map.of(), 404, "NotFound", "no such path"),
        get("an asterisk", "*", Map.of(), 404, "NotFound", "no such path"),
        get("GET on the register path", "/v1/register", Map.of(), 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("DELETE on the plan path", "DELETE", "/v1/plan", bearerA, 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("PUT on the report path", "PUT", "/v1/report", bearerA, 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("PATCH on the heartbeat path", "PATCH", "/v1/heartbeat", bearerA, 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("OPTIONS on the register path", "OPTIONS", "/v1/register", Map.of(), 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("TRACE on the plan path", "TRACE", "/v1/plan", bearerA, 405, "MethodNotAllowed",
            "wrong method for this path"),
        method("HEAD on the plan path", "HEAD", "/v1/plan", bearerA, 405, "", ""),
        method("a method of its own", "BREW", "/v1/plan", bearerA, 405, "MethodNotAllowed",
            "wrong method for this path"));
  }

  static List<Case> sizes() {
    String register = "{\"token\":\"{token}\",\"machineId\":\"m-bad-c\"";
    return List.of(
        post("body over 64 KiB", "/v1/register", Map.of("Content-Type", JSON), register + ",\"hostname\":\""
            + "x".repeat(70_000) + "\"}", 413, "PayloadTooLarge", "larger than 65536 bytes").closing(),
        raw("100 MB announced, 1 KiB sent", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n" + "{".repeat(1024), 413,
            "PayloadTooLarge", "larger than 65536 bytes"),
        raw("chunked body over 64 KiB", "POST /v1/register HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + ("4000\r\n" + "x".repeat(0x4000) + "\r\n").repeat(5), 413, "PayloadTooLarge", "larger than 65536"),
        get("headers over 8 KiB", "/v1/plan", Map.of("Authorization", "Bearer {a}", "X-Padding", "p".repeat(9000)),
            400, "BadRequest", "the request headers are larger than 8192 bytes"),
        raw("headers over 64 KiB", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\nX-Padding: " + "p".repeat(70_000)
            + "\r\n\r\n", 431, "RequestHeaderFieldsTooLarge", "the request headers are larger than 65536 bytes"),
        raw("request line over 4 KiB", "GET /v1/" + "p".repeat(5000) + " HTTP/1.1\r\nHost: gateway\r\n\r\n", 414,
            "UriTooLong", "the request line is longer than 4096 bytes"),
        raw("1100 headers", "GET /v1/plan HTTP/1.1\r\nHost: gateway\r\n" + "X-A: 1\r\n".repeat(1100) + "\r\n",
            400, "BadRequest", "the request headers are larger than 8192 bytes").open(),
        post("labels beyond their number", "/v1/register", Map.of("Content-Type", JSON), register + ",\"labels\":{"
            + Stream.iterate(0, i -> i + 1).limit(100).map(i -> "\"l" + i + "\":\"v\"").collect(Collectors.joining(","))
            + "}}", 400, "BadRequest", "labels holds 100 entries"));
  }

  static List<Case> reports() {
    Map<String, String> reportA = Map.of("Authorization", "Bearer {a}", "Content-Type", JSON);
    return List.of(
        post("report with a bad state", "/v1/report", reportA, "{\"planGeneration\":1,\"state\":\"Done\"}", 400,
            "BadRequest", "state 'Done' is not one of Applying, Applied, Failed"),
        post("report with a lower-case state", "/v1/report", reportA, "{\"planGeneration\":1,\"state\":\"applied\"}",
            400, "BadRequest", "state 'applied' is not one of"),
        post("report without a state", "/v1/report", reportA, "{\"planGeneration\":1}", 400, "BadRequest",
            "state is required"),
        post("report without a generation", "/v1/report", reportA, "{\"state\":\"Applied\"}", 400, "BadRequest",
            "planGeneration is required"),
        post("report with a negative generation", "/v1/report", reportA,
            "{\"planGeneration\":-1,\"state\":\"Applied\"}", 400, "BadRequest", "planGeneration must be a positive"),
        post("report with generation zero", "/v1/report", reportA, "{\"planGeneration\":0,\"state\":\"Applied\"}",
            400, "BadRequest", "planGeneration must be a positive"),
        post("report with a generation as a string", "/v1/report", reportA,
            "{\"planGeneration\":\"1\",\"state\":\"Applied\"}", 400, "BadRequest", "field 'planGeneration' has the"),
        post("report on a plan the host never had", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Applied\"}", 400, "BadRequest", "the host has no plan to report on"),
        post("report with a version that is not one", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Applied\",\"profileVersion\":\"latest\"}", 400, "BadRequest",
            "profileVersion must be a semantic version"),
        post("report with a message of 10000 characters", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Failed\",\"message\":\"" + "m".repeat(10_000) + "\"}", 400,
            "BadRequest", "message is longer than"),
        post("report with an unknown field", "/v1/report", reportA,
            "{\"planGeneration\":1,\"state\":\"Applied\",\"host\":\"b\"}", 400, "BadRequest", "unknown field 'host'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("When a hostile request arrives, then it gets its exact 4xx with a clear message, changes nothing and "
      + "leaves no secret in the log")
  void hostileRequestChangesNothing(Case hostile) {
    Map<String, String> before = fixture.versions(namespace);
    int hosts = hosts();
    int mark = log.mark();

    try (RawHttp raw = new RawHttp(fixture.gateway().port())) {
      Answer answer = hostile.request().startsWith("HEAD ") ? raw.send(bytes(hostile.request())).readHead()
          : raw.send(bytes(hostile.request())).read();

      assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.status());
      assertThat(answer.headers().get("content-type")).isEqualTo(JSON);
      if (!hostile.request().startsWith("HEAD ")) {
        JsonNode body = GatewayFixture.parse(answer.body());
        assertThat(body.path("error").asText()).isEqualTo(hostile.error());
        assertThat(body.path("message").asText()).contains(hostile.message());
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        values.values().forEach(secret -> assertThat(answer.body()).doesNotContain(secret));
      }
      if (hostile.closes()) {
        assertThat(raw.closedWithin(Duration.ofSeconds(5))).as("the connection is closed after the answer").isTrue();
      }
    }
    assertThat(fixture.versions(namespace)).isEqualTo(before);
    assertThat(hosts()).isEqualTo(hosts);
    String logged = log.since(mark);
    secrets().forEach(secret -> assertThat(logged).doesNotContain(secret));
  }

  /** The request's bytes: placeholders filled, {0xFF} as that byte, {length} as the body's length. */
  private static byte[] bytes(String request) {
    String filled = fill(request);
    int split = filled.indexOf("\r\n\r\n") + 4;
    String[] parts = filled.substring(split).split("\\{0xFF\\}", -1);
    byte[] body = new byte[0];
    for (int i = 0; i < parts.length; i++) {
      body = RawHttp.concat(body, parts[i].getBytes(StandardCharsets.UTF_8));
      if (i < parts.length - 1) {
        body = RawHttp.concat(body, new byte[] {(byte) 0xFF});
      }
    }
    String head = filled.substring(0, split).replace("{length}", Integer.toString(body.length));
    return RawHttp.concat(head.getBytes(StandardCharsets.UTF_8), body);
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

  /** Every token and credential, and the secret part of each credential. */
  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>(values.values());
    for (String host : List.of("{a}", "{b}", "{z}")) {
      secrets.add(values.get(host).substring(values.get(host).lastIndexOf('.') + 1));
    }
    return secrets;
  }

  private static Case raw(String name, String request, int status, String error, String message) {
    return new Case(name, request, status, error, message, true);
  }

  private static Case post(String name, String path, Map<String, String> headers, String body, int status,
      String error, String message) {
    return new Case(name, request("POST", path, headers, body), status, error, message, false);
  }

  private static Case get(String name, String path, Map<String, String> headers, int status, String error,
      String message) {
    return method(name, "GET", path, headers, status, error, message);
  }

  private static Case method(String name, String method, String path, Map<String, String> headers, int status,
      String error, String message) {
    return new Case(name, request(method, path, headers, null), status, error, message, false);
  }

  private static String request(String method, String path, Map<String, String> headers, String body) {
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: gateway\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      request.append("Content-Length: {length}\r\n");
    }
    return request.append("\r\n").append(body == null ? "" : body).toString();
  }

  private static void change(String token, java.util.function.Consumer<RegistrationTokenSpec> change) {
    fixture.client().resources(RegistrationToken.class).inNamespace(namespace).withName(token).edit(edited -> {
      change.accept(edited.getSpec());
      return edited;
    });
  }

  private static int registrations(String token) {
    RegistrationToken found = fixture.client().resources(RegistrationToken.class).inNamespace(namespace)
        .withName(token).get();
    return found.getStatus() == null || found.getStatus().getRegistrations() == null ? 0
        : found.getStatus().getRegistrations();
  }

  private static int hosts() {
    return fixture.client().resources(EdgeHost.class).inNamespace(namespace).list().getItems().size();
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
