package dev.lifecycle.edge.operator.gateway.http;

import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * The one media type the gateway reads, judged on the Content-Type as Vert.x parses it: JSON in any
 * letter case (media types are case-insensitive, RFC 9110), in UTF-8 (RFC 8259), so a charset parameter
 * other than utf-8 is refused. Not {@code Route.consumes}: Vert.x 4.5 matches the type's letters
 * exactly there, and would refuse {@code Application/JSON}.
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

  /** A handler before the body is read: 415 unless the body is declared JSON in UTF-8. */
  public static void requireJson(RoutingContext ctx) {
    if (!isJson(ctx)) {
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
