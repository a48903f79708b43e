package dev.lifecycle.edge.agent.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lifecycle.edge.wire.ErrorBody;
import dev.lifecycle.edge.wire.Heartbeat;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A gateway for tests, speaking docs/gateway-api.md: registration with tokens (401 unknown, 403
 * refused), per-host credentials (a new one per registration, the old one stops working), plans
 * with ETag and 304, reports (409 for one the plan moved past, as the operator answers), heartbeats,
 * and the contract's 400/404/405/413/415 answers, including
 * refusing unknown fields. Bodies are read and answers written with the wire module's records and the
 * gateway's strict mapper. Everything lives in memory; tests set plans and inspect what arrived.
 */
public final class StubGateway implements AutoCloseable {

  private static final int MAX_BODY = 64 * 1024;

  private final ObjectMapper json = Json.strict();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, String[]> refusedTokens = new ConcurrentHashMap<>();
  private final Map<String, StubHost> hostsByMachineId = new ConcurrentHashMap<>();
  private final Map<String, StubHost> hostsByName = new ConcurrentHashMap<>();
  private final AtomicInteger registrationAttempts = new AtomicInteger();
  private final AtomicInteger badRequests = new AtomicInteger();
  private final AtomicInteger planRequests = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private volatile String heartbeatInterval = "30s";
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger heldHeartbeats = new AtomicInteger();
  private volatile CountDownLatch heartbeatGate;

  private StubGateway(int port, SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    if (tls == null) {
      server = HttpServer.create(address, 200);
    } else {
      HttpsServer https = HttpsServer.create(address, 200);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A stub on a free port. */
  public static StubGateway start() throws IOException {
    return new StubGateway(0, null);
  }

  /** A stub serving TLS with the key of {@code tls}, on a free port. */
  public static StubGateway startTls(SSLContext tls) throws IOException {
    return new StubGateway(0, tls);
  }

  /** A stub on {@code port}, such as one an agent already tries to reach. */
  public static StubGateway start(int port) throws IOException {
    return new StubGateway(port, null);
  }

  public URI uri() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://localhost:" + server.getAddress().getPort());
  }

  /** {@code token} registers hosts into {@code namespace}. */
  public StubGateway acceptToken(String token, String namespace) {
    tokens.put(token, namespace);
    return this;
  }

  /** {@code token} exists but answers 403 {@code error} (TokenExpired, TokenRevoked, TokenExhausted). */
  public StubGateway refuseToken(String token, String error) {
    refusedTokens.put(token, new String[] {error, "RegistrationToken store-0042/installer does not register "
        + "hosts now: " + error});
    return this;
  }

  /** The heartbeat interval handed out at registration. */
  public StubGateway heartbeatInterval(String interval) {
    this.heartbeatInterval = interval;
    return this;
  }

  /** Sets the plan of host {@code name}; its generation is the plan's {@code generation}. */
  public void setPlan(String name, Plan plan) {
    StubHost host = host(name).orElseThrow();
    host.planGeneration = plan.generation();
    host.planVersion = plan.profileVersion();
    host.planJson = write(plan);
  }

  /** A plan as the operator would write it. */
  public Plan plan(long generation, String action, String profileVersion) {
    JsonNode layer = json.createObjectNode().put("name", "k3s").put("type", "kubernetes").put("version", "v1.30.4");
    return new Plan(generation, action, "store-cluster", "control-plane", "edge-k3s", profileVersion,
        "10.0.0.10:6443", List.of(layer), "2026-01-01T00:00:00Z", null);
  }

  /** The current credential of {@code name} stops working: its next authenticated call gets 401. */
  public void revokeCredential(String name) {
    host(name).orElseThrow().credential = "revoked-" + random.nextLong();
  }

  public Optional<StubHost> host(String name) {
    return Optional.ofNullable(hostsByName.get(name));
  }

  public Optional<StubHost> hostByMachineId(String machineId) {
    return Optional.ofNullable(hostsByMachineId.get(machineId));
  }

  public Collection<StubHost> hosts() {
    return hostsByName.values();
  }

  /** Registration requests received, refused ones included. */
  public int registrationAttempts() {
    return registrationAttempts.get();
  }

  /** 400 answers given: the agent sent something the contract does not allow. */
  /** How many plan fetches arrived (the stub never holds one: it ignores {@code Prefer: wait}). */
  public int planRequests() {
    return planRequests.get();
  }

  /** Every request that arrived, in order, as {@code METHOD path}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * Holds every heartbeat from now on until {@link #releaseHeartbeats()}: a test's way to keep an agent
   * inside one step of its round while something else happens.
   */
  public void holdHeartbeats() {
    heartbeatGate = new CountDownLatch(1);
  }

  /** How many heartbeats are held now. */
  public int heldHeartbeats() {
    return heldHeartbeats.get();
  }

  /** Answers the held heartbeats and holds no more. */
  public void releaseHeartbeats() {
    CountDownLatch gate = heartbeatGate;
    heartbeatGate = null;
    if (gate != null) {
      gate.countDown();
    }
  }

  public int badRequests() {
    return badRequests.get();
  }

  @Override
  public void close() {
    releaseHeartbeats();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      requests.add(method + " " + path);
      switch (path) {
        case "/v1/register" -> onlyPost(exchange, method, () -> register(exchange));
        case "/v1/report" -> onlyPost(exchange, method, () -> authenticated(exchange, host -> report(exchange, host)));
        case "/v1/heartbeat" -> onlyPost(exchange, method,
            () -> authenticated(exchange, host -> heartbeat(exchange, host)));
        case "/v1/plan" -> {
          if ("GET".equals(method)) {
            authenticated(exchange, host -> plan(exchange, host));
          } else {
            error(exchange, 405, "MethodNotAllowed", "use GET on /v1/plan");
          }
        }
        default -> error(exchange, 404, "NotFound", "no such path: " + path);
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "InternalError", "the stub failed: " + e);
    }
  }

  private interface Handler {
    void handle() throws IOException;
  }

  private interface HostHandler {
    void handle(StubHost host) throws IOException;
  }

  private void onlyPost(HttpExchange exchange, String method, Handler handler) throws IOException {
    if (!"POST".equals(method)) {
      error(exchange, 405, "MethodNotAllowed", "use POST on " + exchange.getRequestURI().getPath());
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      error(exchange, 415, "UnsupportedMediaType", "the body must be application/json");
      return;
    }
    handler.handle();
  }

  private void authenticated(HttpExchange exchange, HostHandler handler) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      error(exchange, 401, "Unauthorized", "missing host credential");
      return;
    }
    String credential = authorization.substring("Bearer ".length());
    StubHost host = hostsByName.values().stream()
        .filter(candidate -> MessageDigest.isEqual(bytes(candidate.credential), bytes(credential)))
        .findFirst().orElse(null);
    if (host == null) {
      error(exchange, 401, "Unauthorized", "wrong host credential");
      return;
    }
    handler.handle(host);
  }

  private void register(HttpExchange exchange) throws IOException {
    registrationAttempts.incrementAndGet();
    Optional<Body<RegisterRequest>> body = body(exchange, RegisterRequest.class);
    if (body.isEmpty()) {
      return;
    }
    RegisterRequest request = body.get().value();
    String token = request.token();
    String machineId = request.machineId();
    if (token == null || token.isEmpty() || machineId == null || machineId.isEmpty()) {
      badRequest(exchange, "token and machineId are required");
      return;
    }
    String[] refusal = refusedTokens.get(token);
    if (refusal != null) {
      error(exchange, 403, refusal[0], refusal[1]);
      return;
    }
    String namespace = tokens.get(token);
    if (namespace == null) {
      error(exchange, 401, "Unauthorized", "unknown registration token");
      return;
    }
    boolean created = !hostsByMachineId.containsKey(machineId);
    StubHost host = hostsByMachineId.computeIfAbsent(machineId, id -> {
      StubHost fresh = new StubHost(namespace, name(request.hostname() == null ? "" : request.hostname(), id), id,
          body.get().tree());
      hostsByName.put(fresh.name, fresh);
      return fresh;
    });
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    host.credential = "ehc1." + base64.encodeToString(bytes(host.namespace + "/" + host.name)) + "."
        + base64.encodeToString(secret);
    host.registrations.incrementAndGet();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    host.registrationAuthorizations.add(authorization == null ? "" : authorization);
    RegisterResponse answer = new RegisterResponse(host.namespace, host.name, host.credential, heartbeatInterval);
    send(exchange, created ? 201 : 200, write(answer), null);
  }

  private void plan(HttpExchange exchange, StubHost host) throws IOException {
    planRequests.incrementAndGet();
    String plan = host.planJson;
    if (plan == null) {
      send(exchange, 204, null, null);
      return;
    }
    String etag = "\"" + host.planGeneration + "\"";
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      send(exchange, 304, null, etag);
      return;
    }
    send(exchange, 200, plan, etag);
  }

  private void report(HttpExchange exchange, StubHost host) throws IOException {
    Optional<Body<Report>> body = body(exchange, Report.class);
    if (body.isEmpty()) {
      return;
    }
    Report report = body.get().value();
    if (report.planGeneration() == null
        || Arrays.stream(Report.State.values()).noneMatch(state -> state.name().equals(report.state()))) {
      badRequest(exchange, "planGeneration (a number) and state (Applying, Applied or Failed) are required");
      return;
    }
    Optional<String> conflict = conflict(host, report);
    if (conflict.isPresent()) {
      host.refusedReports.add(report.planGeneration() + ":" + report.state());
      error(exchange, 409, "ReportConflict", conflict.get());
      return;
    }
    host.reports.add(body.get().tree());
    send(exchange, 204, null, null);
  }

  /**
   * The operator's rule (docs/gateway-api.md): a report only about the current plan, an Applied naming
   * its version, nothing after Applied but Applied again.
   */
  private static Optional<String> conflict(StubHost host, Report report) {
    if (report.planGeneration() < host.planGeneration) {
      return Optional.of("planGeneration " + report.planGeneration() + " is no longer this host's plan");
    }
    boolean applied = Report.State.Applied.name().equals(report.state());
    if (applied && !Objects.equals(report.profileVersion(), host.planVersion)) {
      return Optional.of("an Applied report names the plan's version " + host.planVersion);
    }
    boolean appliedBefore = host.reports.stream().anyMatch(r -> r.path("planGeneration").asLong()
        == report.planGeneration() && Report.State.Applied.name().equals(r.path("state").asText()));
    return appliedBefore && !applied ? Optional.of("plan generation " + report.planGeneration()
        + " is already reported Applied") : Optional.empty();
  }

  private void heartbeat(HttpExchange exchange, StubHost host) throws IOException {
    if (body(exchange, Heartbeat.class).isPresent()) {
      CountDownLatch gate = heartbeatGate;
      if (gate != null) {
        heldHeartbeats.incrementAndGet();
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          heldHeartbeats.decrementAndGet();
        }
      }
      host.heartbeats.incrementAndGet();
      send(exchange, 204, null, null);
    }
  }

  /** A body as it arrived and as the contract's record reads it. */
  private record Body<T>(JsonNode tree, T value) {
  }

  /** The JSON body read strictly as a {@code type}; answers 400 or 413 itself and returns empty when not. */
  private <T> Optional<Body<T>> body(HttpExchange exchange, Class<T> type) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      error(exchange, 413, "PayloadTooLarge", "the body is over 64 KiB");
      return Optional.empty();
    }
    JsonNode body;
    try {
      body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (IOException e) {
      badRequest(exchange, "malformed JSON");
      return Optional.empty();
    }
    if (body == null || !body.isObject()) {
      badRequest(exchange, "the body must be a JSON object");
      return Optional.empty();
    }
    try {
      return Optional.of(new Body<>(body, json.treeToValue(body, type)));
    } catch (UnrecognizedPropertyException e) {
      badRequest(exchange, "unknown field '" + e.getPropertyName() + "'");
    } catch (JsonProcessingException e) {
      badRequest(exchange, "the body does not have the contract's shape");
    }
    return Optional.empty();
  }

  private String name(String hostname, String machineId) {
    if (hostname.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?") && !hostsByName.containsKey(hostname)) {
      return hostname;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes(machineId));
      return "host-" + HexFormat.of().formatHex(hash).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void badRequest(HttpExchange exchange, String message) throws IOException {
    badRequests.incrementAndGet();
    error(exchange, 400, "BadRequest", message);
  }

  private void error(HttpExchange exchange, int status, String error, String message) throws IOException {
    send(exchange, status, write(new ErrorBody(error, message)), null);
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String etag) throws IOException {
    if (etag != null) {
      exchange.getResponseHeaders().set("ETag", etag);
    }
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
