package dev.lifecycle.edge.site.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site port's own error answers, for what no part of it serves: {@code {"error": "<Code>", "message":
 * "<sentence>"}}, as every site API error is. Never a stack trace.
 */
public final class SiteErrors {

  private static final Logger LOG = LoggerFactory.getLogger(SiteErrors.class);
  static final String SERVED = "the site controller serves " + SitePaths.GATEWAY + "/ (the gateway), "
      + SitePaths.HEALTHZ + ", " + SitePaths.READYZ + " and " + SitePaths.METRICS;

  private SiteErrors() {
  }

  /** Mounts the answers to unknown paths, wrong methods and failures on the site's router. */
  static void install(io.vertx.ext.web.Router router) {
    router.errorHandler(404, SiteErrors::notFound);
    router.errorHandler(405, SiteErrors::methodNotAllowed);
    router.errorHandler(500, ctx -> {
      LOG.warn("{} {}: failed: {}", ctx.request().method(), shown(ctx),
          ctx.failure() == null ? "no cause" : ctx.failure().getClass().getName());
      reply(ctx.response(), 500, "InternalError", "the site controller could not answer: its log says why");
    });
  }

  /** The answer to a path no part serves. */
  public static void notFound(RoutingContext ctx) {
    reply(ctx.response(), 404, "NotFound", "no such path '" + shown(ctx) + "': " + SERVED
        + ", and the parts of this site that are installed");
  }

  /** The answer to a method a path does not take. */
  public static void methodNotAllowed(RoutingContext ctx) {
    reply(ctx.response(), 405, "MethodNotAllowed", "wrong method " + ctx.request().method() + " for '" + shown(ctx)
        + "'");
  }

  public static void reply(HttpServerResponse response, int status, String code, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }

  /** The path, shortened and without control characters, as a message may show it. */
  private static String shown(RoutingContext ctx) {
    String path = ctx.request().path() == null ? "" : ctx.request().path();
    String clean = path.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 120 ? clean : clean.substring(0, 120) + "...";
  }
}
