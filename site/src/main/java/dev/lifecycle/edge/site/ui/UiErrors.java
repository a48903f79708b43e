package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.api.ApiErrors;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.clusters.RequestRefused;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure handler of the UI's routes: a refusal the services raise ({@link ApiProblem}, {@link RequestRefused})
 * becomes a page saying it in words, with its status; anything else a 500 page that says the log knows why. The
 * problem is kept on the request for the audit trail, as the site API does.
 */
final class UiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(UiErrors.class);

  private final Pages pages;

  UiErrors(Pages pages) {
    this.pages = pages;
  }

  /** A service's refusal as the site API would answer it. */
  static ApiProblem problem(Throwable failure, int status) {
    if (failure instanceof ApiProblem problem) {
      return problem;
    }
    if (failure instanceof RequestRefused refused) {
      return ApiProblem.withProblems(refused.status(), refused.code(), refused.getMessage(),
          refused.problems().size() > 1 ? refused.problems() : List.of());
    }
    if (failure == null) {
      return ApiErrors.fromStatus(status);
    }
    return new ApiProblem(500, "InternalError", "the site controller failed to answer this request; its log says why");
  }

  void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiProblem problem = problem(failure, ctx.statusCode());
    if (problem.status() >= 500 && failure != null) {
      LOG.error("{} {} failed: {}: {}", ctx.request().method(), ctx.normalizedPath(), failure.getClass().getName(),
          failure.getMessage());
    }
    if (ctx.response().headWritten() || ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.put(ApiErrors.PROBLEM, problem);
    SecurityHeaders.apply(ctx.response());
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    pages.send(ctx, problem.status(), "problem.jte", new ProblemView(pages.chrome(ctx, Nav.NONE), problem.status(),
        title(problem.status()), Sentences.of(problem.getMessage()), problem.problems().stream().map(Sentences::of)
        .toList()));
  }

  static String title(int status) {
    return switch (status) {
      case 400, 422 -> "This cannot be done as asked";
      case 401 -> "Please log in";
      case 403 -> "Refused";
      case 404 -> "Not found";
      case 409 -> "This clashes with what the site holds";
      case 413 -> "Too large";
      case 429 -> "Too many attempts";
      default -> status >= 500 ? "The site controller could not answer" : "Refused";
    };
  }
}
