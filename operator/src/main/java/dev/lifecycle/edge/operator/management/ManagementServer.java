package dev.lifecycle.edge.operator.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoints on their own port, for the kubelet and Prometheus: {@code GET /healthz}
 * (liveness), {@code GET /readyz} (readiness), each 200 {@code ok} or 503 with the reason in a line of
 * text, and {@code GET /metrics} (the Prometheus text format).
 *
 * <p>Served by the JDK's own HTTP server, not by the gateway's Vert.x: three tiny GETs need no router,
 * the probes must answer while the gateway is still starting (or has failed to), and a gateway event
 * loop busy with thousands of agents must never make the kubelet think the pod is dead. Two threads of
 * its own keep it apart from both.
 */
public final class ManagementServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
  /** The Prometheus text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  /** The JDK server's switch for TCP_NODELAY (module jdk.httpserver). */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService threads;

  private ManagementServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Listens on the address (port 0: any free port) and serves at once.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static ManagementServer start(InetSocketAddress address, OperatorProbes probes,
      PrometheusMeterRegistry registry) {
    noDelay();
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new IllegalStateException("the management server cannot listen on " + address.getHostString() + ":"
          + address.getPort() + ": " + e.getMessage(), e);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
      Thread thread = new Thread(task, "management-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try (exchange) {
        route(exchange, probes, registry);
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("a management request failed: {}", e.toString());
      }
    });
    server.start();
    LOG.info("health and metrics on http://{}:{} (/healthz, /readyz, /metrics)", address.getHostString(),
        server.getAddress().getPort());
    return new ManagementServer(server, threads);
  }

  /**
   * TCP_NODELAY on the server's connections, unless the command line says otherwise. The JDK's server writes an
   * answer's headers and its body apart; with Nagle's algorithm the body then waits for the client's delayed
   * ACK, and every probe took 40 ms or more (44 ms median on an idle machine, 3.6 ms with it). Read once,
   * when the JDK's server is first used in the process: this is the operator's only one.
   */
  private static void noDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** The port it listens on (the one chosen, when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static void route(HttpExchange exchange, OperatorProbes probes, PrometheusMeterRegistry registry)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean known = path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
    if (!known) {
      reply(exchange, 404, TEXT, "no such path: the management server serves GET /healthz, /readyz and /metrics\n");
      return;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      reply(exchange, 405, TEXT, "only GET (or HEAD) is served here\n");
      return;
    }
    switch (path) {
      case "/healthz" -> probe(exchange, probes::notAlive, "not alive");
      case "/readyz" -> probe(exchange, probes::notReady, "not ready");
      default -> reply(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
    }
  }

  private static void probe(HttpExchange exchange, Supplier<Optional<String>> problem, String label)
      throws IOException {
    Optional<String> reason = problem.get();
    if (reason.isEmpty()) {
      reply(exchange, 200, TEXT, "ok\n");
    } else {
      reply(exchange, 503, TEXT, label + ": " + reason.get() + "\n");
    }
  }

  private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
