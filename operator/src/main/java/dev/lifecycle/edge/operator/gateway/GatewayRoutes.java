package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.operator.gateway.endpoints.HeartbeatEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.PlanEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.RegisterEndpoint;
import dev.lifecycle.edge.operator.gateway.endpoints.ReportEndpoint;
import dev.lifecycle.edge.operator.gateway.http.FailureReplies;
import dev.lifecycle.edge.operator.gateway.http.MediaTypes;
import dev.lifecycle.edge.operator.gateway.http.ReadDeadlines;
import dev.lifecycle.edge.operator.gateway.http.RequestGuard;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The gateway's route table under /v1, with its metrics, read deadlines, guard, body limit, media type checks and JSON
 * errors. {@link Call} is the one list of what the gateway serves: the routes and the messages that
 * name the paths are made from it.
 */
final class GatewayRoutes {

  /** A call's body: none read, required JSON (415 before it is read otherwise), or JSON when there is one. */
  enum Body {
    NONE, JSON, OPTIONAL_JSON
  }

  /** The calls of docs/gateway-api.md. */
  enum Call {
    REGISTER(HttpMethod.POST, "/v1/register", Body.JSON),
    PLAN(HttpMethod.GET, "/v1/plan", Body.NONE),
    REPORT(HttpMethod.POST, "/v1/report", Body.JSON),
    HEARTBEAT(HttpMethod.POST, "/v1/heartbeat", Body.OPTIONAL_JSON);

    final HttpMethod method;
    final String path;
    final Body body;

    Call(HttpMethod method, String path, Body body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }
  }

  /** What the gateway serves, as refusals of unknown paths and methods name it. */
  static final String SERVED = Arrays.stream(Call.values()).map(call -> call.method + " " + call.path)
      .collect(Collectors.joining(", "));

  private GatewayRoutes() {
  }

  static Router router(Vertx vertx, long bodyLimit, GatewayMetrics metrics, ReadDeadlines deadlines, RequestGuard guard,
      RegisterEndpoint register, PlanEndpoint plan, ReportEndpoint report, HeartbeatEndpoint heartbeat) {
    FailureReplies failures = new FailureReplies(bodyLimit, SERVED);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
    Router router = Router.router(vertx);
    router.route().handler(metrics::handle);
    router.route().handler(deadlines::handle);
    router.route().handler(guard::handle);
    for (Call call : Call.values()) {
      if (call.body == Body.JSON) {
        // 415 before the body is read; a body handler must be the first of its route, so this is a route before.
        router.route(call.method, call.path).handler(MediaTypes::requireJson);
      }
      Route route = router.route(call.method, call.path);
      switch (call.body) {
        case NONE -> { }
        case JSON, OPTIONAL_JSON -> route.handler(bodies);
      }
      route.handler(endpoint(call, register, plan, report, heartbeat));
    }
    router.route().failureHandler(failures::handle);
    router.errorHandler(404, failures::handle);
    router.errorHandler(405, failures::handle);
    return router;
  }

  private static Handler<RoutingContext> endpoint(Call call, RegisterEndpoint register, PlanEndpoint plan,
      ReportEndpoint report, HeartbeatEndpoint heartbeat) {
    return switch (call) {
      case REGISTER -> register::handle;
      case PLAN -> plan::handle;
      case REPORT -> report::handle;
      case HEARTBEAT -> heartbeat::handle;
    };
  }
}
