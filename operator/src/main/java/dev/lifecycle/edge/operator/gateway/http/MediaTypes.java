package dev.lifecycle.edge.operator.gateway.http;

import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * The one media type the gateway reads, and the charset rule Vert.x's {@code Route.consumes} does not
 * check: a JSON body is UTF-8 (RFC 8259), so a Content-Type naming another charset is refused.
 */
public final class MediaTypes {

  public static final String JSON = "application/json";

  private MediaTypes() {
  }

  /** Whether the request's Content-Type is JSON in UTF-8 (no charset, or charset=utf-8). */
  public static boolean isJson(RoutingContext ctx) {
    MIMEHeader type = ctx.parsedHeaders().contentType();
    return type != null && JSON.equalsIgnoreCase(type.value()) && utf8(type);
  }

  /** A handler after {@code consumes(JSON)}: 415 when the JSON body is declared in another charset. */
  public static void requireUtf8(RoutingContext ctx) {
    if (!utf8(ctx.parsedHeaders().contentType())) {
      ctx.fail(415);
      return;
    }
    ctx.next();
  }

  private static boolean utf8(MIMEHeader type) {
    String charset = type == null ? null : type.parameter("charset");
    return charset == null || charset.replace("\"", "").equalsIgnoreCase("utf-8");
  }
}
