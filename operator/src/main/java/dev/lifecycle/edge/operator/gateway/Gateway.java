package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.caches.ForgetDeletedHosts;
import dev.lifecycle.edge.operator.gateway.caches.GatewayCaches;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.caches.PlanWaits;
import dev.lifecycle.edge.operator.gateway.endpoints.Hearing;
import dev.lifecycle.edge.operator.gateway.endpoints.HeartbeatEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.HostAuthenticator;
import dev.lifecycle.edge.operator.gateway.endpoints.PlanEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.RegisterEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.ReportEndpoint;
import dev.lifecycle.edge.operator.gateway.http.ReadDeadlines;
import dev.lifecycle.edge.operator.gateway.http.RequestGuard;
import dev.lifecycle.edge.operator.gateway.http.StrictFraming;
import dev.lifecycle.edge.operator.gateway.limits.Admission;
import dev.lifecycle.edge.operator.gateway.limits.Blocking;
import dev.lifecycle.edge.operator.gateway.limits.ClientRateLimiter;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.HostLiveness;
import dev.lifecycle.edge.operator.gateway.registration.Registrar;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.host.JudgedHostWrites;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge gateway: the HTTP+JSON API agents talk to (see docs/gateway-api.md), served by Vert.x on its
 * own port, TLS from PEM files unless started insecure ({@link #start}), or as routes on another server's port
 * ({@link #mounted}, the site controller). Reads come from its own informer caches on the
 * event loop; Kubernetes writes run on a worker pool.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final long SWEEP_MILLIS = 60_000;
  /** Beyond this the HTTP layer refuses the request (431, connection closed); below it the guard answers (400). */
  private static final int HARD_HEADER_LIMIT = 64 * 1024;
  /** The most requests that wait for the workers, however fast they go. */
  private static final int MAX_WAITING = 512;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final GatewayCaches caches;
  private final WorkerExecutor workers;
  private final Optional<HttpServer> server;
  private final Router router;
  private final String url;
  private final PlanWaits planWaits;
  private final long sweep;
  private volatile boolean closed;

  private Gateway(Vertx vertx, boolean ownsVertx, GatewayCaches caches, Routes routes, Optional<HttpServer> server,
      String url) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.caches = caches;
    this.workers = routes.workers();
    this.router = routes.router();
    this.planWaits = routes.planWaits();
    this.sweep = routes.sweep();
    this.server = server;
    this.url = url;
  }

  /**
   * Starts the gateway: fills its caches, then listens. Returns once it serves.
   *
   * @throws IllegalArgumentException when a TLS file cannot be read
   * @throws IllegalStateException when the caches cannot be filled or the port cannot be bound
   */
  public static Gateway start(GatewayConfig config, OperatorServices services) {
    config.tls().ifPresent(tls -> {
      readable(tls.certificate(), "TLS certificate");
      readable(tls.key(), "TLS key");
    });
    GatewayCaches caches = caches(services);
    Vertx vertx = Vertx.vertx();
    try {
      HttpServerOptions options = options(config);
      StrictFraming framing = new StrictFraming(options);
      ReadDeadlines deadlines = new ReadDeadlines(vertx, config.reads().headers(), config.reads().body());
      Routes routes = routes(vertx, deadlines, caches, config, services);
      HttpServer server = vertx.createHttpServer(options).connectionHandler(connection -> {
        framing.install(connection);
        deadlines.opened(connection);
      }).invalidRequestHandler(framing::refuse).requestHandler(routes.router());
      server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String url = (config.insecure() ? "http" : "https") + "://" + config.host() + ":" + server.actualPort();
      if (config.insecure()) {
        LOG.warn("gateway listening on {} WITHOUT TLS: plain HTTP is for the demo and tests only; agents' tokens and "
            + "credentials cross the network in clear text", url);
      } else {
        LOG.info("gateway listening on {}", url);
      }
      return new Gateway(vertx, true, caches, routes, Optional.of(server), url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(vertx, caches);
      throw new IllegalStateException("interrupted while the gateway was starting", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      stop(vertx, caches);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("the gateway cannot listen on " + config.host() + ":" + config.port() + ": "
          + cause.getMessage(), cause);
    }
  }

  /**
   * The gateway without a server of its own: fills its caches and returns its routes ({@link #router()}, every
   * path under {@code /v1/}), for a server that serves other routes beside them on its port (the site
   * controller). That server owns the connections: it must refuse ambiguous framing ({@link StrictFraming}) and
   * call {@code deadlines.opened} for each of them, as {@link #start} does; the config's host, port and TLS are
   * its own and unused here, its limits, workers and heartbeat writes apply. Closing the gateway leaves the
   * server and {@code vertx} running.
   *
   * @param url the URL agents reach the hosting server at
   * @throws IllegalStateException when the caches cannot be filled
   */
  public static Gateway mounted(Vertx vertx, ReadDeadlines deadlines, String url, GatewayConfig config,
      OperatorServices services) {
    GatewayCaches caches = caches(services);
    try {
      Routes routes = routes(vertx, deadlines, caches, config, services);
      LOG.info("gateway serving /v1/ on {}", url);
      return new Gateway(vertx, false, caches, routes, Optional.empty(), url);
    } catch (RuntimeException e) {
      caches.close();
      throw e;
    }
  }

  private static GatewayCaches caches(OperatorServices services) {
    OperatorSettings settings = services.settings();
    return GatewayCaches.start(services.client(), settings.watchNamespaces(), START_TIMEOUT, cause -> {
      if (settings.exitOnInformerStop()) {
        LOG.error("exiting, so that the operator is restarted with working watches");
        System.exit(1);
      }
    });
  }

  /** The gateway's router and what it holds open: its worker pool, its long polls, its limiter's sweep. */
  private record Routes(Router router, WorkerExecutor workers, PlanWaits planWaits, long sweep) {
  }

  private static Routes routes(Vertx vertx, ReadDeadlines deadlines, GatewayCaches caches, GatewayConfig config,
      OperatorServices services) {
    OperatorSettings settings = services.settings();
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("edge-gateway-writes", config.workers());
    // At least the workers times four may wait, more when they keep a faster pace; never more than
    // MAX_WAITING bodies (each at most the body limit) are held.
    Blocking blocking = new Blocking(workers, new Admission(config.workers() * 4,
        Math.max(config.workers() * 4, MAX_WAITING), System::nanoTime));
    HostDirectory hosts = caches.hosts();
    HostLiveness liveness = services.liveness();
    HeartbeatCoalescer coalescer = new HeartbeatCoalescer(config.heartbeatWrite(), settings.staleness(),
        liveness::judging, services.clock());
    AgentStatusWriter writer = new AgentStatusWriter(services.statusWriter());
    HostAuthenticator authenticator = new HostAuthenticator(hosts);
    Hearing hearing = new Hearing(liveness, settings.staleness(), services.clock());
    ClientRateLimiter limiter = new ClientRateLimiter(config.failures(), config.requests(),
        config.hostRequests(), System::nanoTime);
    long sweep = vertx.setPeriodic(SWEEP_MILLIS, id -> limiter.sweep());
    caches.hostInformer().addEventHandler(new ForgetDeletedHosts(coalescer, liveness));
    PlanWaits planWaits = new PlanWaits();
    caches.hostInformer().addEventHandler(planWaits);
    Router router = GatewayRoutes.router(vertx, config.bodyLimit(),
        new GatewayMetrics(services.meters()), deadlines, new RequestGuard(limiter, GatewayRoutes.SERVED,
        authenticator::provenHost),
        new RegisterEndpoint(caches, new Registrar(services, hosts, coalescer), blocking),
        new PlanEndpoint(authenticator, hearing, planWaits, vertx, caches.joinSecrets(), caches.variableSecrets()),
        new ReportEndpoint(authenticator, JudgedHostWrites.of(services), hosts, coalescer, hearing, blocking,
            services.clock()),
        new HeartbeatEndpoint(authenticator, writer, hosts, coalescer, hearing, blocking,
            services.clock()));
    return new Routes(router, workers, planWaits, sweep);
  }

  /** Its routes: every request of the gateway API, and the gateway's answer to any other path. */
  public Router router() {
    return router;
  }

  /** The port it listens on (the one chosen, when started on port 0), or its hosting server's. */
  public int port() {
    return server.map(HttpServer::actualPort).orElseGet(() -> URI.create(url).getPort());
  }

  /** Its base URL, such as {@code https://0.0.0.0:9443}. */
  public String url() {
    return url;
  }

  /** The plan requests held by a long poll right now. */
  int parkedPlanRequests() {
    return planWaits.size();
  }

  GatewayCaches caches() {
    return caches;
  }

  /**
   * Whether a registration with this token would find it now. The gateway learns a token from its
   * watch, a moment after the API stored it (longer while the watch reconnects): a caller that hands
   * a new token to agents waits for this first, since an agent refused with 401 stops.
   */
  public boolean knowsToken(String token) {
    return caches.tokenFor(token).isPresent();
  }

  /** Why the gateway does not serve agents as it should, or empty when it does (listening, caches watching). */
  public Optional<String> notServing() {
    if (closed) {
      return Optional.of("the gateway is stopped");
    }
    if (caches.stopped()) {
      return Optional.of("the gateway's informers stopped: its caches no longer follow the API");
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
    if (server.isPresent()) {
      try {
        server.get().close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("the gateway did not stop listening cleanly: {}", e.toString());
      }
    }
    vertx.cancelTimer(sweep);
    workers.close();
    if (ownsVertx) {
      stop(vertx, caches);
    } else {
      caches.close();
    }
  }

  private static HttpServerOptions options(GatewayConfig config) {
    HttpServerOptions options = serverOptions().setHost(config.host()).setPort(config.port());
    config.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(tls.certificate().toString())
        .setKeyPath(tls.key().toString())));
    return options;
  }

  /**
   * The HTTP settings the gateway's routes are served with, without address or TLS: for a server that hosts them
   * ({@link #mounted}).
   */
  public static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setMaxHeaderSize(HARD_HEADER_LIMIT)
        // HTTP/1.1 only, as over TLS (no ALPN): an h2c upgrade would bypass the HTTP/1.1 framing checks, and is
        // a known way to smuggle requests past proxies.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  private static void readable(Path file, String what) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(what + " " + file + " is not a readable file");
    }
  }

  private static void stop(Vertx vertx, GatewayCaches caches) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the gateway's event loop did not stop cleanly: {}", e.toString());
    } finally {
      caches.close();
    }
  }
}
