package dev.lifecycle.edge.operator.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** The bytes of a request body as the body handler buffered them; none when the request had no body. */
public final class Bodies {

  private Bodies() {
  }

  public static byte[] of(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }
}
