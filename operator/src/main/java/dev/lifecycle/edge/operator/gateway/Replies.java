package dev.lifecycle.edge.operator.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the gateway's answers: JSON bodies, errors as {@code {"error", "message"}}, never cached. */
final class Replies {

  private Replies() {
  }

  static void json(RoutingContext ctx, int status, Object body) {
    json(ctx, status, body, Map.of());
  }

  static void json(RoutingContext ctx, int status, Object body, Map<String, String> headers) {
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

  static void empty(RoutingContext ctx, int status) {
    empty(ctx, status, Map.of());
  }

  static void empty(RoutingContext ctx, int status, Map<String, String> headers) {
    HttpServerResponse response = start(ctx, status);
    if (response != null) {
      headers.forEach(response::putHeader);
      response.end();
    }
  }

  static void error(RoutingContext ctx, ApiError error) {
    error(ctx, error, Map.of());
  }

  static void error(RoutingContext ctx, ApiError error, Map<String, String> headers) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error.code());
    body.put("message", error.message());
    json(ctx, error.status(), body, headers);
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
