package dev.lifecycle.edge.site.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every site API error as {@code {"error": Code, "message": sentence}}. An {@link ApiProblem} is answered as
 * it says; any other failure is a 500 whose message says nothing of its cause (the cause goes to the log, by class
 * and message only, which never carry request bodies). A request whose body was not read is answered with
 * {@code Connection: close}, so the client cannot keep streaming into a refused request.
 */
public final class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** Where the problem answered is kept on the routing context, for the audit log. */
  public static final String PROBLEM = "site.problem";

  private ApiErrors() {
  }

  /** The failure handler of the site API's routes. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiProblem problem;
    if (failure instanceof ApiProblem p) {
      problem = p;
    } else if (failure != null) {
      LOG.error("{} {} failed: {}: {}", ctx.request().method(), ctx.normalizedPath(),
          failure.getClass().getName(), failure.getMessage());
      problem = new ApiProblem(500, "InternalError", "the site controller failed to answer this request; "
          + "its log says why");
    } else {
      problem = fromStatus(ctx.statusCode());
    }
    answer(ctx, problem);
  }

  /** Answers {@code problem}, unless an answer is already under way. */
  public static void answer(RoutingContext ctx, ApiProblem problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    ctx.put(PROBLEM, problem);
    response.setStatusCode(problem.status());
    response.putHeader("Content-Type", "application/json");
    response.putHeader("Cache-Control", "no-store");
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if (!ctx.request().isEnded()) {
      LingeringClose.afterAnswer(ctx);
    }
    JsonObject body = new JsonObject().put("error", problem.code()).put("message", problem.getMessage());
    if (!problem.problems().isEmpty()) {
      body.put("problems", new JsonArray(problem.problems()));
    }
    response.end(body.encode());
  }

  /** A status set by Vert.x itself (no route, wrong method) as a problem. */
  public static ApiProblem fromStatus(int status) {
    return switch (status) {
      case 404 -> ApiProblem.notFound("the site API has no such resource; see /api/site/v1/openapi.json");
      case 405 -> new ApiProblem(405, "MethodNotAllowed",
          "this resource does not take that method; see /api/site/v1/openapi.json");
      case 413 -> new ApiProblem(413, "PayloadTooLarge", "the request body is too large");
      case 415 -> new ApiProblem(415, "UnsupportedMediaType", "send the body as application/json");
      case 400 -> ApiProblem.badRequest("the request is malformed");
      default -> new ApiProblem(status < 400 ? 500 : status, status < 500 ? "BadRequest" : "InternalError",
          status < 500 ? "the request was refused" : "the site controller failed to answer this request; "
              + "its log says why");
    };
  }
}
