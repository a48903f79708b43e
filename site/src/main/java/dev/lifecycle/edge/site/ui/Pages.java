package dev.lifecycle.edge.site.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders the Local UI's jte templates ({@code site/src/main/jte}, precompiled into {@value #PACKAGE}): every value
 * HTML-escaped by jte, each page template taking one view record whose {@link Chrome} feeds the shared layout.
 */
public final class Pages {

  static final String PACKAGE = "dev.lifecycle.edge.site.ui.templates";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);
  private final String siteName;
  private final UiAssets assets;

  public Pages(String siteName, UiAssets assets) {
    this.siteName = siteName;
    this.assets = assets;
  }

  /** The layout's facts for this request: the site, who is logged in (if anyone), the CSRF token, the place. */
  public Chrome chrome(RoutingContext ctx, Nav place) {
    String user = ctx.get(dev.lifecycle.edge.site.api.SiteRequest.ACTOR);
    String csrf = UiSession.csrf(ctx);
    return new Chrome(siteName, csrf == null ? null : user, csrf, place, assets);
  }

  /** The HTML of {@code template} (such as {@code "overview.jte"}) given its one parameter. */
  public Buffer render(String template, Object view) {
    StringOutput output = new StringOutput();
    engine.render(template, view, output);
    return Buffer.buffer(output.toString(), "UTF-8");
  }

  /** Answers a page or a fragment, never cached (it shows the site as it is now). */
  public void send(RoutingContext ctx, int status, String template, Object view) {
    Buffer html = render(template, view);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(html);
  }
}
