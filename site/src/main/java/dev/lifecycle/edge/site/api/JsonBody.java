package dev.lifecycle.edge.site.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Reads a JSON request body, bounded in size and in time, before the route's handler runs: a declared length over
 * the limit is refused at once (413) without reading anything; a body that grows past it while streaming is refused
 * as soon as it does; a body that does not arrive within the timeout is refused (408); anything but
 * {@code application/json} is refused (415). The object read is {@link #of(RoutingContext)}.
 */
public final class JsonBody implements Handler<RoutingContext> {

  private static final String BODY = "site.jsonBody";

  private final long limit;
  private final Duration timeout;
  private final boolean optional;

  public JsonBody(long limit, Duration timeout) {
    this(limit, timeout, false);
  }

  private JsonBody(long limit, Duration timeout, boolean optional) {
    this.limit = limit;
    this.timeout = timeout;
    this.optional = optional;
  }

  /**
   * The same bounds for a route that needs no body: none at all goes through; one that is sent must be a JSON object
   * (it is read, within the bounds, and not used), so that the site API never takes another media type.
   */
  public JsonBody optional() {
    return new JsonBody(limit, timeout, true);
  }

  /** The JSON object the handler read for this request. */
  public static JsonObject of(RoutingContext ctx) {
    JsonObject body = ctx.get(BODY);
    if (body == null) {
      throw new IllegalStateException("no JsonBody handler ran before this route");
    }
    return body;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (optional && !hasBody(request)) {
      ctx.next();
      return;
    }
    String type = request.getHeader("Content-Type");
    if (!"application/json".equals(UploadRequest.mediaType(type))) {
      ctx.fail(new ApiProblem(415, "UnsupportedMediaType", "send the body as application/json (it was "
          + (type == null ? "given no Content-Type" : "'" + clip(type) + "'") + ")"));
      return;
    }
    long length;
    try {
      length = UploadRequest.declaredLength(request);
    } catch (ApiProblem notANumber) {
      ctx.fail(notANumber);
      return;
    }
    if (length > limit) {
      ctx.fail(tooLarge());
      return;
    }
    Vertx vertx = ctx.vertx();
    Buffer body = Buffer.buffer();
    boolean[] done = {false};
    long timer = vertx.setTimer(timeout.toMillis(), id -> {
      if (!done[0]) {
        done[0] = true;
        ctx.fail(new ApiProblem(408, "RequestTimeout", "the request body did not arrive within "
            + timeout.toSeconds() + " s"));
      }
    });
    request.handler(chunk -> {
      if (done[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        done[0] = true;
        vertx.cancelTimer(timer);
        ctx.fail(tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> {
      if (!done[0]) {
        done[0] = true;
        vertx.cancelTimer(timer);
        ctx.fail(ApiProblem.badRequest("the request body could not be read"));
      }
    });
    request.endHandler(end -> {
      if (done[0]) {
        return;
      }
      done[0] = true;
      vertx.cancelTimer(timer);
      JsonObject json;
      try {
        json = body.length() == 0 ? null : new JsonObject(body);
      } catch (DecodeException | ClassCastException e) {
        ctx.fail(ApiProblem.badRequest("the request body is not a JSON object"));
        return;
      }
      if (json == null) {
        ctx.fail(ApiProblem.badRequest("the request body is empty; send a JSON object"));
        return;
      }
      ctx.put(BODY, json);
      ctx.next();
    });
    request.resume();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(413, "PayloadTooLarge", "the request body is larger than " + limit
        + " bytes, the most this resource takes");
  }

  private static String clip(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }

  /** A required string field of the body. */
  public static String requiredString(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw ApiProblem.invalid("the field '" + field + "' is required, as a string");
    }
    if (text.length() > maxLength) {
      throw ApiProblem.invalid("the field '" + field + "' is longer than " + maxLength + " characters");
    }
    return text;
  }
}
