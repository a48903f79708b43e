package dev.lifecycle.edge.site.server;

import dev.lifecycle.edge.operator.management.OperatorProbes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} (liveness), {@code /readyz} (readiness), each 200 {@code ok} or 503 with the reason in a
 * line of text, and {@code /metrics} (the Prometheus text format): what {@code run} serves on its management port,
 * from the same probes and registry, here on the site's port.
 */
final class HealthRoutes {

  /** The Prometheus text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private HealthRoutes() {
  }

  static void mount(Router router, OperatorProbes probes, PrometheusMeterRegistry registry) {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      // readiness may wait a moment for the operator, scraping walks every meter: on workers, never the event loop
      router.route(method, SitePaths.HEALTHZ).blockingHandler(ctx -> probe(ctx, probes::notAlive, "not alive"),
          false);
      router.route(method, SitePaths.READYZ).blockingHandler(ctx -> probe(ctx, probes::notReady, "not ready"),
          false);
      router.route(method, SitePaths.METRICS).blockingHandler(ctx -> reply(ctx, 200, PROMETHEUS_TEXT,
          registry.scrape()), false);
    }
  }

  private static void probe(RoutingContext ctx, Supplier<Optional<String>> problem, String label) {
    Optional<String> reason = problem.get();
    if (reason.isEmpty()) {
      reply(ctx, 200, TEXT, "ok\n");
    } else {
      reply(ctx, 503, TEXT, label + ": " + reason.get() + "\n");
    }
  }

  private static void reply(RoutingContext ctx, int status, String contentType, String body) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.getBytes(
          java.nio.charset.StandardCharsets.UTF_8).length)).end();
    } else {
      ctx.response().end(body);
    }
  }
}
