package dev.lifecycle.edge.site.server;

import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.gateway.http.ReadDeadlines;
import dev.lifecycle.edge.operator.gateway.http.StrictFraming;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site controller's one HTTPS port. Every request under {@value SitePaths#GATEWAY}/ goes to the gateway's own
 * router (its guard, rate limits, body limit and deadlines, as on {@code run}'s gateway port), every other one
 * to the site's router: health and metrics, then what the {@link SiteRoutes} mount (site API, registry, Local
 * UI), and a JSON 404 for the rest. Every connection gets the gateway's framing checks (a request with ambiguous
 * framing is refused, its connection closed) and its header deadline; a request's body has the gateway's
 * deadline under {@value SitePaths#GATEWAY}/ only, since an upload to the site API may take long. HTTP/1.1 only.
 */
public final class SiteServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SiteServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final HttpServer server;
  private final Router router;
  private final ReadDeadlines deadlines;
  private volatile Router gateway;

  private SiteServer(HttpServer server, Router router, ReadDeadlines deadlines) {
    this.server = server;
    this.router = router;
    this.deadlines = deadlines;
  }

  /**
   * Listens, with TLS from the certificate, and serves health and metrics at once; until {@link #serveGateway},
   * the gateway's paths answer 503.
   *
   * @throws IllegalStateException when the address cannot be bound or the certificate not used
   */
  public static SiteServer start(Vertx vertx, ListenAddress listen, SiteCertificate certificate,
      OperatorProbes probes, PrometheusMeterRegistry meters) {
    HttpServerOptions options = Gateway.serverOptions()
        .setHost(listen.host())
        .setPort(listen.port())
        .setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertValue(Buffer.buffer(certificate.chainPem()))
            .setKeyValue(Buffer.buffer(certificate.keyPem())));
    StrictFraming framing = new StrictFraming(options);
    ReadDeadlines deadlines = new ReadDeadlines(vertx, GatewayConfig.DEFAULT_READS.headers(),
        GatewayConfig.DEFAULT_READS.body());
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      deadlines.headersArrived(ctx);
      ctx.next();
    });
    HealthRoutes.mount(router, probes, meters);
    SiteErrors.install(router);
    SiteServer[] site = new SiteServer[1];
    HttpServer server = vertx.createHttpServer(options).connectionHandler(connection -> {
      framing.install(connection);
      deadlines.opened(connection);
    }).invalidRequestHandler(framing::refuse).requestHandler(request -> site[0].route(request));
    site[0] = new SiteServer(server, router, deadlines);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the site controller's port was opening", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("the site controller cannot listen on " + listen + ": " + cause.getMessage(),
          cause);
    }
    LOG.info("listening on {} (TLS, certificate {})", new ListenAddress(listen.host(), server.actualPort()),
        certificate.fingerprint());
    return site[0];
  }

  /** The site's router, where {@link SiteRoutes} mount. */
  public Router router() {
    return router;
  }

  /** The deadlines on this port's connections, which the gateway's routes share ({@link Gateway#mounted}). */
  public ReadDeadlines deadlines() {
    return deadlines;
  }

  /** From now on, the gateway's routes answer under {@value SitePaths#GATEWAY}/. */
  public void serveGateway(Router routes) {
    this.gateway = routes;
  }

  /** The port it listens on (the one chosen, when started on port 0). */
  public int port() {
    return server.actualPort();
  }

  private void route(HttpServerRequest request) {
    if (!SitePaths.gateway(request.path())) {
      router.handle(request);
      return;
    }
    Router routes = gateway;
    if (routes == null) {
      request.response().putHeader("Retry-After", "1");
      SiteErrors.reply(request.response(), 503, "Unavailable", "the gateway is starting: try again in a moment");
      return;
    }
    routes.handle(request);
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the site controller's port did not close cleanly: {}", e.toString());
    }
  }
}
