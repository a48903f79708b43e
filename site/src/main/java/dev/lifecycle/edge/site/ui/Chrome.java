package dev.lifecycle.edge.site.ui;

import io.vertx.core.json.JsonObject;

/**
 * What the shared layout shows around every page: the site's name, who is logged in (null on the login page), the
 * session's CSRF token (sent by htmx from {@code hx-headers} on {@code <body>}, and put in every plain form), the
 * navigation's current place, and the URLs of the static files.
 */
public record Chrome(String siteName, String user, String csrf, Nav current, UiAssets assets) {

  /** htmx settings: no eval, no inline styles or scripts (the CSP forbids them), requests to this site only. */
  static final String HTMX_CONFIG = new JsonObject().put("includeIndicatorStyles", false).put("allowEval", false)
      .put("allowScriptTags", false).put("selfRequestsOnly", true).encode();

  public boolean signedIn() {
    return user != null;
  }

  /** The value of {@code hx-headers}: the CSRF header htmx adds to every request; null when nobody is logged in. */
  public String hxHeaders() {
    return csrf == null ? null : new JsonObject().put(UiSession.CSRF_HEADER, csrf).encode();
  }

  public String htmxConfig() {
    return HTMX_CONFIG;
  }

  /** {@code "page"} for the current place (aria-current), else null (no attribute). */
  public String currentOf(Nav place) {
    return place == current ? "page" : null;
  }
}
