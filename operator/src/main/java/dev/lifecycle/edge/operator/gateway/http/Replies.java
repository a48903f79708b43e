package dev.lifecycle.edge.operator.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifecycle.edge.wire.ErrorBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes the gateway's answers: JSON bodies, errors as {@code {"error", "message"}}, never cached. */
public final class Replies {

  private Replies() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    json(ctx, status, body, Map.of());
  }

  public static void json(RoutingContext ctx, int status, Object body, Map<String, String> headers) {
    byte[] bytes;
    try {
      bytes = RequestReader.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + body.getClass().getSimpleName() + " as JSON", e);
    }
    HttpServerResponse response = start(ctx, status);
    if (response == null) {
      return;
    }
    headers.forEach(response::putHeader);
    response.putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON).end(Buffer.buffer(bytes));
  }

  public static void empty(RoutingContext ctx, int status) {
    empty(ctx, status, Map.of());
  }

  public static void empty(RoutingContext ctx, int status, Map<String, String> headers) {
    HttpServerResponse response = start(ctx, status);
    if (response != null) {
      headers.forEach(response::putHeader);
      response.end();
    }
  }

  public static void error(RoutingContext ctx, ApiError error) {
    error(ctx, error, Map.of());
  }

  public static void error(RoutingContext ctx, ApiError error, Map<String, String> headers) {
    json(ctx, error.status(), new ErrorBody(error.code(), error.message()), headers);
  }

  /** The response, status set, or null when it can no longer be written (the client went away). */
  private static HttpServerResponse start(RoutingContext ctx, int status) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed() || response.headWritten()) {
      return null;
    }
    return response.setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
