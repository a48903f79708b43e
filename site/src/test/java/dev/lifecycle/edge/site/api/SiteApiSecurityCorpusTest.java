package dev.lifecycle.edge.site.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.auth.SessionClaims;
import dev.lifecycle.edge.site.auth.SessionTokens;
import dev.lifecycle.edge.site.testing.MutableClock;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Session;
import dev.lifecycle.edge.wire.LinkToken;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security corpus of the site API's sessions, passwords, audit log and link tokens: each case is a request that
 * must be refused with a 4xx, an {@code {"error", "message"}} body with a sentence and no stack trace, and no change:
 * the users, the link tokens and the hosts are as before, no change is audited as done (a refused change is audited
 * as refused), and no password or token reaches the log or the audit file.
 */
class SiteApiSecurityCorpusTest {

  private static final SiteApi.Limits LIMITS = new SiteApi.Limits(4096, Duration.ofSeconds(1));
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static PrintStream originalErr;
  private static PrintStream originalOut;
  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;

  @TempDir
  Path dir;
  private SiteApiHarness site;
  private Session admin;

  @BeforeAll
  static void startApi() {
    // slf4j-simple writes to standard output (the operator's simplelogger.properties), Vert.x to standard error.
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(new TeeStream(originalErr, LOG), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new TeeStream(originalOut, LOG), true, StandardCharsets.UTF_8));
    kubernetes = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void noSecretLogged() {
    kubernetes.close();
    System.setErr(originalErr);
    System.setOut(originalOut);
    String logged = LOG.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("initial-admin-password");
    assertThat(SECRETS).isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(logged).as("the log").doesNotContain(secret);
    }
  }

  @BeforeEach
  void start() {
    site = open(dir);
    SECRETS.add(site.initialPassword());
    SECRETS.add(SiteApiHarness.NEW_PASSWORD);
    admin = site.admin();
    SECRETS.add(admin.token());
    SECRETS.add(admin.csrf());
  }

  @AfterEach
  void stop() throws IOException {
    String audit = Files.readString(site.audit.file());
    for (String secret : SECRETS) {
      assertThat(audit).as("the audit log").doesNotContain(secret);
    }
    site.close();
  }

  private SiteApiHarness open(Path data) {
    String namespace = "corpus-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    return new SiteApiHarness(data, new MutableClock(Instant.now()), kubernetes, namespace, LIMITS);
  }

  // ---- the framework ----

  /** What must not change when a request is refused. */
  private record State(String users, Map<String, String> links, Map<String, String> hosts, long auditedOk,
      String revoked) {
  }

  private State state() {
    Map<String, String> links = new TreeMap<>();
    kubernetes.client().resources(RegistrationToken.class).inNamespace(site.namespace).list().getItems()
        .forEach(t -> links.put(t.getMetadata().getName(), String.valueOf(t.getSpec().getRevoked())));
    Map<String, String> hosts = new TreeMap<>();
    kubernetes.client().resources(EdgeHost.class).inNamespace(site.namespace).list().getItems()
        .forEach(h -> hosts.put(h.getMetadata().getName(), String.valueOf(h.getMetadata().getAnnotations())));
    return new State(read("auth/users.json"), links, hosts,
        site.auditEntries().stream().filter(e -> e.result().equals(AuditEntry.OK)).count(),
        read("auth/revoked-sessions.json"));
  }

  private String read(String file) {
    try {
      Path path = site.dataDir.resolve(file);
      return Files.exists(path) ? Files.readString(path) : "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code request}, checks it is refused with {@code status} and {@code code}, and that nothing changed. */
  private JsonObject refused(int status, String code, Supplier<Answer> request) {
    State before = state();
    int auditedBefore = site.auditEntries().size();
    Answer answer = request.get();
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonObject body = answer.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "message");
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("dev.lifecycle");
    assertThat(answer.cookie()).as("no session handed out").isNull();
    assertThat(state()).isEqualTo(before);
    List<AuditEntry> audited = site.auditEntries();
    if (audited.size() > auditedBefore) {
      assertThat(audited.get(0).result()).isEqualTo(AuditEntry.REFUSED);
      assertThat(audited.get(0).reason()).contains(code);
    }
    return body;
  }

  /** The same checks for an answer read off a raw socket. */
  private void refusedRaw(int status, String code, String head, String body, Duration timeout) {
    State before = state();
    String answer = site.raw(head.getBytes(StandardCharsets.UTF_8),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout);
    assertThat(answer).startsWith("HTTP/1.1 " + status);
    assertThat(answer).contains("\"error\":\"" + code + "\"").doesNotContain("Exception");
    assertThat(state()).isEqualTo(before);
  }

  private Answer bearer(String token, String method, String path) {
    return site.call(method, path, null, "Authorization", "Bearer " + token);
  }

  private Answer jsonPost(String path, String body, String contentType, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = contentType;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return site.call("POST", path, body, all);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  // ---- no session, forged and expired sessions ----

  @Test
  @DisplayName("01 no session, reading")
  void noSessionRead() {
    refused(401, "NotLoggedIn", () -> site.call("GET", "/api/site/v1/hosts", null));
  }

  @Test
  @DisplayName("02 no session, creating a link token")
  void noSessionChange() {
    JsonObject body = refused(401, "NotLoggedIn", () -> site.call("POST", "/api/site/v1/links", null));
    assertThat(body.getString("message")).contains("log in first");
  }

  @Test
  @DisplayName("03 a bearer token that is no token")
  void garbageBearer() {
    refused(401, "SessionInvalid", () -> bearer("not-a-token", "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("04 a session signed with another key")
  void otherKey() {
    Instant now = site.clock.instant();
    String forged = new SessionTokens(new byte[32]).sign(new SessionClaims("admin", "sid", 1, now,
        now.plusSeconds(600), now));
    refused(401, "SessionInvalid", () -> bearer(forged, "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("05 a session with alg none")
  void algNone() {
    String payload = admin.token().split("\\.")[1];
    String forged = b64("{\"alg\":\"none\",\"typ\":\"edge-site-session+jwt\"}") + "." + payload + ".";
    refused(401, "SessionInvalid", () -> bearer(forged, "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("06 a session whose claims were altered (expiry pushed a year on)")
  void tamperedClaims() {
    String[] parts = admin.token().split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("exp", claims.getLong("exp") + 365L * 24 * 3600);
    String forged = parts[0] + "." + b64(claims.encode()) + "." + parts[2];
    refused(401, "SessionInvalid", () -> bearer(forged, "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("07 an expired session")
  void expired() {
    site.clock.advance(Duration.ofMinutes(16));
    JsonObject body = refused(401, "SessionExpired", () -> bearer(admin.token(), "POST", "/api/site/v1/links"));
    assertThat(body.getString("message")).contains("log in again");
  }

  @Test
  @DisplayName("08 a session used after its logout")
  void loggedOut() {
    assertThat(bearer(admin.token(), "DELETE", "/api/site/v1/session").status()).isEqualTo(204);
    refused(401, "SessionEnded", () -> bearer(admin.token(), "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("09 a session made before the password was changed")
  void beforePasswordChange() {
    String older = site.login("admin", SiteApiHarness.NEW_PASSWORD).json().getString("token");
    SECRETS.add(older);
    Answer changed = jsonPost("/api/site/v1/password", new JsonObject().put("oldPassword",
        SiteApiHarness.NEW_PASSWORD).put("newPassword", "Another-Horse-43").encode(), "application/json",
        "Authorization", "Bearer " + admin.token());
    assertThat(changed.status()).isEqualTo(200);
    SECRETS.add("Another-Horse-43");
    refused(401, "SessionEnded", () -> bearer(older, "POST", "/api/site/v1/links"));
  }

  @Test
  @DisplayName("10 an Authorization header of another scheme (Basic)")
  void basicScheme() {
    String basic = Base64.getEncoder().encodeToString(("admin:" + SiteApiHarness.NEW_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    refused(401, "NotLoggedIn", () -> site.call("POST", "/api/site/v1/links", null, "Authorization",
        "Basic " + basic));
  }

  @Test
  @DisplayName("11 a forged session cookie, with a CSRF token")
  void forgedCookie() {
    String forged = admin.token().substring(0, admin.token().length() - 4) + "AAAA";
    refused(401, "SessionInvalid", () -> site.call("POST", "/api/site/v1/links", null, "Cookie",
        "edge_site_session=" + forged, "X-CSRF-Token", admin.csrf()));
  }

  // ---- passwords and lockout ----

  @Test
  @DisplayName("12 a wrong password")
  void wrongPassword() {
    refused(401, "LoginFailed", () -> site.login("admin", "Wrong-Password-1"));
  }

  @Test
  @DisplayName("13 an unknown user gets the same answer as a wrong password")
  void unknownUser() {
    JsonObject unknown = refused(401, "LoginFailed", () -> site.login("root", SiteApiHarness.NEW_PASSWORD));
    JsonObject wrong = refused(401, "LoginFailed", () -> site.login("admin", "Wrong-Password-1"));
    assertThat(unknown).isEqualTo(wrong);
  }

  @Test
  @DisplayName("14 five wrong passwords lock the user for a minute, the right one included, with Retry-After")
  void lockout() {
    for (int i = 0; i < 4; i++) {
      refused(401, "LoginFailed", () -> site.login("admin", "Wrong-Password-1"));
    }
    JsonObject fifth = refused(429, "TooManyFailedLogins", () -> site.login("admin", "Wrong-Password-1"));
    assertThat(fifth.getString("message")).contains("try again").contains("in 60 s");
    Answer right = site.login("admin", SiteApiHarness.NEW_PASSWORD);
    assertThat(right.status()).isEqualTo(429);
    assertThat(right.header("Retry-After")).isEqualTo("60");
    site.clock.advance(Duration.ofSeconds(60));
    assertThat(site.login("admin", SiteApiHarness.NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("15 a lockout survives a restart of the site controller")
  void lockoutSurvivesRestart() {
    for (int i = 0; i < 5; i++) {
      site.login("admin", "Wrong-Password-1");
    }
    site.close();
    site = open(dir);
    refused(429, "TooManyFailedLogins", () -> site.login("admin", SiteApiHarness.NEW_PASSWORD));
  }

  @Test
  @DisplayName("16 guesses at unknown users lock the address, for the real user too")
  void addressLockout() {
    for (int i = 0; i < 5; i++) {
      site.login("user" + i, "Wrong-Password-1");
    }
    refused(429, "TooManyFailedLogins", () -> site.login("admin", SiteApiHarness.NEW_PASSWORD));
    assertThat(read("auth/lockouts.json")).doesNotContain("user:user");
  }

  @Test
  @DisplayName("17 the second lockout lasts twice as long as the first")
  void lockoutDoubles() {
    for (int i = 0; i < 5; i++) {
      site.login("admin", "Wrong-Password-1");
    }
    site.clock.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 4; i++) {
      site.login("admin", "Wrong-Password-1");
    }
    assertThat(site.login("admin", "Wrong-Password-1").header("Retry-After")).isEqualTo("120");
  }

  @Test
  @DisplayName("17b ten wrong passwords at once get no more than the five tries one after another would")
  void parallelGuesses() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
    try {
      List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) {
        answers.add(pool.submit(() -> site.login("admin", "Wrong-Password-1")));
      }
      long failed = 0;
      long locked = 0;
      for (java.util.concurrent.Future<Answer> answer : answers) {
        int status = answer.get().status();
        failed += status == 401 ? 1 : 0;
        locked += status == 429 ? 1 : 0;
      }
      assertThat(failed).isEqualTo(dev.lifecycle.edge.site.auth.LoginRules.MAX_FAILURES - 1);
      assertThat(locked).isEqualTo(10 - failed);
    } finally {
      pool.shutdownNow();
    }
    refused(429, "TooManyFailedLogins", () -> site.login("admin", SiteApiHarness.NEW_PASSWORD));
  }

  @Test
  @DisplayName("18 with the initial password unchanged, a change is refused")
  void initialPasswordGate() throws IOException {
    Path fresh = Files.createDirectory(dir.resolve("fresh"));
    site.close();
    site = open(fresh);
    SECRETS.add(site.initialPassword());
    String token = site.login("admin", site.initialPassword()).json().getString("token");
    SECRETS.add(token);
    JsonObject body = refused(403, "PasswordChangeRequired", () -> bearer(token, "POST", "/api/site/v1/links"));
    assertThat(body.getString("message")).contains("/api/site/v1/password");
  }

  @Test
  @DisplayName("19 a password change with a wrong old password")
  void wrongOldPassword() {
    refused(403, "WrongPassword", () -> jsonPost("/api/site/v1/password", new JsonObject()
        .put("oldPassword", "Wrong-Password-1").put("newPassword", "Another-Horse-43").encode(), "application/json",
        "Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("20 a password change to a weak password")
  void weakPassword() {
    JsonObject body = refused(422, "Invalid", () -> jsonPost("/api/site/v1/password", new JsonObject()
        .put("oldPassword", SiteApiHarness.NEW_PASSWORD).put("newPassword", "password").encode(), "application/json",
        "Authorization", "Bearer " + admin.token()));
    assertThat(body.getString("message")).contains("at least 12 characters");
  }

  // ---- CSRF ----

  @Test
  @DisplayName("21 a cookie session's change without the CSRF header")
  void csrfMissing() {
    refused(403, "CsrfTokenMissing", () -> site.asCookie(admin, "POST", "/api/site/v1/links", null));
  }

  @Test
  @DisplayName("22 a cookie session's change with a wrong CSRF token")
  void csrfWrong() {
    refused(403, "CsrfTokenInvalid", () -> site.asCookie(admin, "POST", "/api/site/v1/links", "x" + admin.csrf()));
  }

  @Test
  @DisplayName("23 a cookie session's change with the CSRF token of another session")
  void csrfOfAnotherSession() {
    JsonObject other = site.login("admin", SiteApiHarness.NEW_PASSWORD).json();
    SECRETS.add(other.getString("token"));
    refused(403, "CsrfTokenInvalid", () -> site.asCookie(admin, "POST", "/api/site/v1/links",
        other.getString("csrfToken")));
  }

  @Test
  @DisplayName("24 a logout by cookie without the CSRF header leaves the session working")
  void csrfOnLogout() {
    refused(403, "CsrfTokenMissing", () -> site.asCookie(admin, "DELETE", "/api/site/v1/session", null));
    assertThat(site.asCookie(admin, "GET", "/api/site/v1/hosts", null).status()).isEqualTo(200);
  }

  // ---- bodies ----

  @Test
  @DisplayName("25 a declared body over the limit is refused before any of it is read")
  void oversizedDeclared() {
    refusedRaw(413, "PayloadTooLarge", "POST /api/site/v1/session HTTP/1.1\r\nHost: site\r\nContent-Type: "
        + "application/json\r\nContent-Length: 100000000\r\n\r\n", null, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("26 a chunked body growing over the limit is refused once it does")
  void oversizedChunked() {
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      chunks.append("3e8\r\n").append("a".repeat(1000)).append("\r\n");
    }
    refusedRaw(413, "PayloadTooLarge", "POST /api/site/v1/session HTTP/1.1\r\nHost: site\r\nContent-Type: "
        + "application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunks.toString(), Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("27 a body that stops arriving is refused when the body timeout passes")
  void slowBody() {
    refusedRaw(408, "RequestTimeout", "POST /api/site/v1/session HTTP/1.1\r\nHost: site\r\nContent-Type: "
        + "application/json\r\nContent-Length: 50\r\n\r\n", "{\"user\":", Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("28 a login body that is not JSON (text/plain)")
  void textPlain() {
    refused(415, "UnsupportedMediaType", () -> jsonPost("/api/site/v1/session",
        "{\"user\":\"admin\",\"password\":\"" + SiteApiHarness.NEW_PASSWORD + "\"}", "text/plain"));
  }

  @Test
  @DisplayName("29 a password change without a Content-Type")
  void noContentType() {
    refused(415, "UnsupportedMediaType", () -> site.call("POST", "/api/site/v1/password", new JsonObject()
        .put("oldPassword", SiteApiHarness.NEW_PASSWORD).put("newPassword", "Another-Horse-43").encode(),
        "Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("30 a malformed JSON body")
  void malformedJson() {
    refused(400, "BadRequest", () -> jsonPost("/api/site/v1/session", "{\"user\":\"admin\",", "application/json"));
  }

  @Test
  @DisplayName("31 a JSON array instead of an object")
  void jsonArray() {
    refused(400, "BadRequest", () -> jsonPost("/api/site/v1/session", "[\"admin\"]", "application/json"));
  }

  @Test
  @DisplayName("32 a password given as a number")
  void wrongFieldType() {
    refused(422, "Invalid", () -> jsonPost("/api/site/v1/session", "{\"user\":\"admin\",\"password\":12345}",
        "application/json"));
  }

  @Test
  @DisplayName("32b a form-encoded body on a route that takes none (creating a link token)")
  void formBodyOnBodylessRoute() {
    refused(415, "UnsupportedMediaType", () -> site.call("POST", "/api/site/v1/links", "ttl=24h",
        "Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("32c an oversized body on a route that takes none (resetting a host)")
  void oversizedOnBodylessRoute() {
    refusedRaw(413, "PayloadTooLarge", "POST /api/site/v1/hosts/store-a/reset HTTP/1.1\r\nHost: site\r\n"
        + "Authorization: Bearer " + admin.token() + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000000\r\n\r\n", null, Duration.ofSeconds(5));
  }

  // ---- paths ----

  @Test
  @DisplayName("33 encoded slashes and dots climbing out of a link's name")
  void encodedDotDot() {
    refused(400, "BadPath", () -> bearer(admin.token(), "DELETE", "/api/site/v1/links/..%2F..%2Fsession"));
    assertThat(bearer(admin.token(), "GET", "/api/site/v1/session").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("34 an encoded dot-dot as a host's name")
  void encodedDots() {
    refused(400, "BadPath", () -> bearer(admin.token(), "POST", "/api/site/v1/hosts/%2e%2e/reset"));
  }

  @Test
  @DisplayName("35 a raw dot-dot segment that would normalise to the logout route")
  void rawDotDot() {
    refusedRaw(400, "BadPath", "DELETE /api/site/v1/links/../session HTTP/1.1\r\nHost: site\r\nAuthorization: "
        + "Bearer " + admin.token() + "\r\n\r\n", null, Duration.ofSeconds(5));
    assertThat(bearer(admin.token(), "GET", "/api/site/v1/session").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("36 an overlong name")
  void overlongName() {
    JsonObject body = refused(400, "BadRequest", () -> bearer(admin.token(), "DELETE",
        "/api/site/v1/links/" + "a".repeat(300)));
    assertThat(body.getString("message")).contains("longer than 253").doesNotContain("a".repeat(100));
  }

  @Test
  @DisplayName("37 a name that is no object name")
  void invalidName() {
    refused(400, "BadRequest", () -> bearer(admin.token(), "DELETE", "/api/site/v1/hosts/Store_A"));
  }

  @Test
  @DisplayName("38 an unknown resource of the site API")
  void unknownRoute() {
    refused(404, "NotFound", () -> bearer(admin.token(), "POST", "/api/site/v1/users"));
  }

  @Test
  @DisplayName("39 a method the resource does not take")
  void wrongMethod() {
    refused(405, "MethodNotAllowed", () -> bearer(admin.token(), "PUT", "/api/site/v1/session"));
  }

  // ---- link tokens and hosts ----

  @Test
  @DisplayName("40 revoking a link token that does not exist")
  void revokeUnknown() {
    refused(404, "NotFound", () -> bearer(admin.token(), "DELETE", "/api/site/v1/links/link-nothing"));
  }

  @Test
  @DisplayName("41 revoking a link token twice")
  void revokeTwice() {
    String name = createLink().name();
    assertThat(bearer(admin.token(), "DELETE", "/api/site/v1/links/" + name).status()).isEqualTo(204);
    JsonObject body = refused(409, "Conflict", () -> bearer(admin.token(), "DELETE", "/api/site/v1/links/" + name));
    assertThat(body.getString("message")).contains("already revoked");
  }

  @Test
  @DisplayName("42 an expired link token is no longer listed and cannot be revoked")
  void expiredLink() {
    String name = createLink().name();
    site.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    assertThat(bearer(admin.token(), "GET", "/api/site/v1/links").json().getJsonArray("links")).isEmpty();
    JsonObject body = refused(409, "Conflict", () -> bearer(admin.token(), "DELETE", "/api/site/v1/links/" + name));
    assertThat(body.getString("message")).contains("expired");
  }

  @Test
  @DisplayName("43 a link token that already linked a host is no longer listed and cannot be revoked")
  void usedLink() {
    String name = createLink().name();
    RegistrationToken token = kubernetes.client().resources(RegistrationToken.class).inNamespace(site.namespace)
        .withName(name).get();
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    status.setPhase(RegistrationTokenStatus.Phase.Exhausted);
    status.setRegistrations(1);
    token.setStatus(status);
    kubernetes.client().resource(token).updateStatus();
    assertThat(bearer(admin.token(), "GET", "/api/site/v1/links").json().getJsonArray("links")).isEmpty();
    JsonObject body = refused(409, "Conflict", () -> bearer(admin.token(), "DELETE", "/api/site/v1/links/" + name));
    assertThat(body.getString("message")).contains("already linked a host");
  }

  @Test
  @DisplayName("44 resetting and unlinking a host that does not exist")
  void unknownHost() {
    refused(404, "NotFound", () -> bearer(admin.token(), "POST", "/api/site/v1/hosts/store-z/reset"));
    refused(404, "NotFound", () -> bearer(admin.token(), "DELETE", "/api/site/v1/hosts/store-z"));
  }

  @Test
  @DisplayName("45 audit paging with parameters that are not numbers or out of range")
  void auditParameters() {
    refused(400, "BadRequest", () -> bearer(admin.token(), "GET", "/api/site/v1/audit?limit=abc"));
    refused(400, "BadRequest", () -> bearer(admin.token(), "GET", "/api/site/v1/audit?limit=100000"));
    refused(400, "BadRequest", () -> bearer(admin.token(), "GET", "/api/site/v1/audit?before=-1"));
  }

  private LinkToken createLink() {
    Answer created = bearer(admin.token(), "POST", "/api/site/v1/links");
    assertThat(created.status()).isEqualTo(201);
    LinkToken token = LinkToken.parse(created.json().getString("text"));
    SECRETS.add(token.token());
    SECRETS.add(created.json().getString("text"));
    return token;
  }

  /** Writes to two streams: the test's console and the captured log. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
    }
  }
}
