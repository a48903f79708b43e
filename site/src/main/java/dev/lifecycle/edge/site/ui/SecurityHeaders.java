package dev.lifecycle.edge.site.ui;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Map;

/**
 * The headers on every Local UI answer: a Content-Security-Policy that lets pages load only the site's own files
 * (no inline script or style, no frames, forms posting only to the site), no MIME sniffing, no Referer.
 */
public final class SecurityHeaders implements SecurityPolicyHandler {

  /** The handler; Vert.x runs security policy handlers before the body is read. */
  public static final SecurityHeaders INSTANCE = new SecurityHeaders();

  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", CSP,
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY");

  private SecurityHeaders() {
  }

  /** Adds the headers; the first handler of every UI route. */
  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response());
    ctx.next();
  }

  static void apply(HttpServerResponse response) {
    HEADERS.forEach(response::putHeader);
  }
}
