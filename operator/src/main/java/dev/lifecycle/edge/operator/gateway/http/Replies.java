package dev.lifecycle.edge.operator.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifecycle.edge.wire.ErrorBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Writes the gateway's answers: JSON bodies, errors as {@code {"error", "message"}}, never cached. An
 * answer given before the request's body was read to its end closes the connection: the rest of that
 * body is not read (it may be 100 MB, or never come), and nothing after it could be framed.
 */
public final class Replies {

  private Replies() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    json(ctx, status, body, Map.of());
  }

  public static void json(RoutingContext ctx, int status, Object body, Map<String, String> headers) {
    byte[] bytes = bytes(body);
    HttpServerResponse response = start(ctx, status);
    if (response == null) {
      return;
    }
    headers.forEach(response::putHeader);
    end(ctx.request(), response.putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON), Buffer.buffer(bytes));
  }

  /** An error answer outside the router (a request Vert.x could not decode): written, then the connection closed. */
  static void errorAndClose(HttpServerRequest request, ApiError error) {
    HttpServerResponse response = start(request.response(), error.status());
    if (response == null) {
      request.connection().close();
      return;
    }
    endAndClose(request, response.putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON),
        Buffer.buffer(bytes(new ErrorBody(error.code(), error.message()))));
  }

  public static void empty(RoutingContext ctx, int status) {
    empty(ctx, status, Map.of());
  }

  public static void empty(RoutingContext ctx, int status, Map<String, String> headers) {
    HttpServerResponse response = start(ctx, status);
    if (response != null) {
      headers.forEach(response::putHeader);
      end(ctx.request(), response, Buffer.buffer());
    }
  }

  public static void error(RoutingContext ctx, ApiError error) {
    error(ctx, error, Map.of());
  }

  public static void error(RoutingContext ctx, ApiError error, Map<String, String> headers) {
    json(ctx, error.status(), new ErrorBody(error.code(), error.message()), headers);
  }

  private static byte[] bytes(Object body) {
    try {
      return RequestReader.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static void end(HttpServerRequest request, HttpServerResponse response, Buffer body) {
    if (unreadBody(request)) {
      endAndClose(request, response, body);
    } else {
      response.end(body);
    }
  }

  private static void endAndClose(HttpServerRequest request, HttpServerResponse response, Buffer body) {
    response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).end(body)
        .onComplete(done -> request.connection().close());
  }

  /** Whether the request declares a body that has not been read to its end. */
  private static boolean unreadBody(HttpServerRequest request) {
    if (request.isEnded()) {
      return false;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.equals("0"));
  }

  /** The response, status set, or null when it can no longer be written (the client went away). */
  private static HttpServerResponse start(RoutingContext ctx, int status) {
    return start(ctx.response(), status);
  }

  private static HttpServerResponse start(HttpServerResponse response, int status) {
    if (response.ended() || response.closed() || response.headWritten()) {
      return null;
    }
    return response.setStatusCode(status).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
