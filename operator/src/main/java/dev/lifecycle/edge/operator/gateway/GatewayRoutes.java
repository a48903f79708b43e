package dev.lifecycle.edge.operator.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** The gateway's routes under /v1, with its metrics, guard, body limit, media type checks and JSON errors. */
final class GatewayRoutes {

  private GatewayRoutes() {
  }

  static Router router(Vertx vertx, long bodyLimit, GatewayMetrics metrics, RequestGuard guard, RegisterEndpoint register, PlanEndpoint plan,
      ReportEndpoint report, HeartbeatEndpoint heartbeat) {
    FailureReplies failures = new FailureReplies(bodyLimit);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
    Router router = Router.router(vertx);
    router.route().handler(metrics::handle);
    router.route().handler(guard::handle);
    router.post("/v1/register").handler(GatewayRoutes::requireJson);
    router.post("/v1/register").handler(body).handler(register::handle);
    router.get("/v1/plan").handler(plan::handle);
    router.post("/v1/report").handler(GatewayRoutes::requireJson);
    router.post("/v1/report").handler(body).handler(report::handle);
    router.post("/v1/heartbeat").handler(body).handler(heartbeat::handle);
    router.route().failureHandler(failures::handle);
    router.errorHandler(404, failures::handle);
    router.errorHandler(405, failures::handle);
    return router;
  }

  /** 415 before the body is read, for the calls whose body is required JSON. */
  private static void requireJson(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!MediaTypes.isJson(contentType)) {
      ctx.fail(ApiError.unsupportedMediaType("the request body must be application/json, not "
          + (contentType == null ? "a body without Content-Type" : "'" + PathGuard.shown(contentType) + "'"))
          .exception());
      return;
    }
    ctx.next();
  }
}
