package dev.lifecycle.edge.operator.gateway.http;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the contract's error body: a refusal into its own answer, the router's and
 * the body handler's statuses into theirs, anything else into a 500 without details. Logs refusals
 * with their code and unexpected failures with their type; never a body or a header value, which could
 * hold a token or a credential.
 */
public final class FailureReplies {

  private static final Logger LOG = LoggerFactory.getLogger(FailureReplies.class);

  private final long bodyLimit;
  private final String served;

  /** @param served the calls the gateway serves, as unknown paths and wrong methods are told */
  public FailureReplies(long bodyLimit, String served) {
    this.bodyLimit = bodyLimit;
    this.served = served;
  }

  public void handle(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      // already answered (a refusal before the body was read, which closed the connection): nothing to add
      return;
    }
    ApiError error = errorOf(ctx);
    String request = ctx.request().method() + " " + PathGuard.shown(ctx.request().path()) + " from "
        + RequestGuard.client(ctx);
    if (error.status() >= 500) {
      LOG.warn("{}: failed: {}", request, describe(ctx.failure()));
    } else {
      LOG.info("{}: refused: {} {}: {}", request, error.status(), error.code(), error.message());
    }
    Replies.error(ctx, error);
    if (ctx.failure() instanceof StrictFraming.InvalidBody) {
      StrictFraming.flush(ctx.request().connection());
    }
  }

  private ApiError errorOf(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof GatewayException refused) {
      return refused.error();
    }
    if (failure instanceof StrictFraming.InvalidBody) {
      return ApiError.badRequest("the request body could not be read: invalid chunked encoding");
    }
    return switch (ctx.statusCode()) {
      case 400 -> ApiError.badRequest("the request could not be read");
      case 404 -> ApiError.notFound("no such path: the gateway serves " + served);
      case 405 -> ApiError.methodNotAllowed("wrong method for this path: the gateway serves " + served);
      case 413 -> ApiError.payloadTooLarge(bodyLimit);
      case 415 -> unsupported(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
      default -> ApiError.internal();
    };
  }

  private static ApiError unsupported(String contentType) {
    return ApiError.unsupportedMediaType("the request body must be application/json, not "
        + (contentType == null ? "a body without Content-Type" : "'" + PathGuard.shown(contentType) + "'"));
  }

  /** What went wrong, without a message that could quote request data. */
  private static String describe(Throwable failure) {
    if (failure == null) {
      return "no cause";
    }
    if (failure instanceof KubernetesClientException api) {
      return "Kubernetes API answered " + api.getCode() + (api.getStatus() == null ? ""
          : " " + api.getStatus().getReason());
    }
    return failure.getClass().getName();
  }
}
