package dev.lifecycle.edge.site.testing;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.audit.AuditLog;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.auth.InitialAdmin;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A site API on a Vert.x HTTP server on a free port (plain HTTP), over a data directory, an embedded Kubernetes API
 * namespace and a clock the test moves, with a client for it. BCrypt runs at its lowest cost, so tests are quick.
 */
public final class SiteApiHarness implements AutoCloseable {

  public static final String FINGERPRINT = "sha256:" + "ab".repeat(32);
  public static final URI CONTROLLER = URI.create("https://10.0.0.5:5080");
  public static final String NEW_PASSWORD = "Correct-Horse-42";

  public final Path dataDir;
  public final MutableClock clock;
  public final EmbeddedKubernetes kubernetes;
  public final String namespace;
  public final AuthService auth;
  public final AuditLog audit;
  public final LinkTokens links;
  public final SiteHosts hosts;
  private final Vertx vertx;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public SiteApiHarness(Path dataDir, MutableClock clock, EmbeddedKubernetes kubernetes, String namespace,
      SiteApi.Limits limits) {
    this(dataDir, clock, kubernetes, namespace, limits, (site, router) -> { });
  }

  /** @param more mounts more routes after the site API's (as the site controller mounts the other packages') */
  public SiteApiHarness(Path dataDir, MutableClock clock, EmbeddedKubernetes kubernetes, String namespace,
      SiteApi.Limits limits, BiConsumer<SiteApiHarness, Router> more) {
    this.dataDir = dataDir;
    this.clock = clock;
    this.kubernetes = kubernetes;
    this.namespace = namespace;
    this.auth = new AuthService(dataDir, clock, 4, new SecureRandom());
    this.audit = new AuditLog(dataDir, clock);
    this.links = new LinkTokens(kubernetes.client(), namespace, "store-0042", CONTROLLER, FINGERPRINT, clock);
    this.hosts = new SiteHosts(kubernetes.client(), namespace, clock);
    this.vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new SiteApi(auth, audit, links, hosts, limits).mount(router);
    more.accept(this, router);
    try {
      this.server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the site API", e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  public String initialPassword() {
    try {
      return Files.readString(dataDir.resolve("auth").resolve(InitialAdmin.FILE)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    public String cookie() {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }
  }

  /** A session: token, CSRF token. */
  public record Session(String token, String csrf) {
  }

  public Answer call(String method, String path, String body, String... headers) {
    return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body), headers);
  }

  /** A request with any body publisher (a file, bytes, a stream). */
  public Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(60)).method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer login(String user, String password) {
    return call("POST", "/api/site/v1/session", new JsonObject().put("user", user).put("password", password).encode(),
        "Content-Type", "application/json");
  }

  /** Logs in as admin with the initial password and changes it to {@link #NEW_PASSWORD}. */
  public Session admin() {
    Answer first = login("admin", initialPassword());
    if (first.status() != 200) {
      throw new IllegalStateException("login failed: " + first);
    }
    Answer changed = call("POST", "/api/site/v1/password", new JsonObject().put("oldPassword", initialPassword())
        .put("newPassword", NEW_PASSWORD).encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + first.json().getString("token"));
    if (changed.status() != 200) {
      throw new IllegalStateException("password change failed: " + changed);
    }
    return new Session(changed.json().getString("token"), changed.json().getString("csrfToken"));
  }

  public Answer asBearer(Session session, String method, String path) {
    return call(method, path, null, "Authorization", "Bearer " + session.token());
  }

  public Answer asCookie(Session session, String method, String path, String csrf) {
    return csrf == null ? call(method, path, null, "Cookie", "edge_site_session=" + session.token())
        : call(method, path, null, "Cookie", "edge_site_session=" + session.token(), "X-CSRF-Token", csrf);
  }

  /** Sends raw bytes and reads the answer until the server closes or {@code timeout}; the text read. */
  public String raw(byte[] head, byte[] body, Duration timeout) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head);
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      try {
        while ((n = in.read(buffer)) > 0) {
          read.write(buffer, 0, n);
          if (read.toString(StandardCharsets.UTF_8).contains("}")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // what arrived is the answer
      }
      return read.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<AuditEntry> auditEntries() {
    return audit.list(1000, null);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
