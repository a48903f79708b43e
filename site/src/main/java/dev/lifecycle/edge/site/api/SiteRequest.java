package dev.lifecycle.edge.site.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What the site API's handlers note on a request for each other (who, what, on what) and how they answer. */
public final class SiteRequest {

  /** The user name of the request's session, or the name a login was for when it is a user. */
  public static final String ACTOR = "site.actor";
  /** The audit log's name for what the request asks, such as {@code link.create}. */
  public static final String ACTION = "site.action";
  /** What the request acts on, such as {@code link/link-4k2x9}. */
  public static final String TARGET = "site.target";

  private SiteRequest() {
  }

  /** Names the request for the audit log. */
  public static void describe(RoutingContext ctx, String action, String target) {
    ctx.put(ACTION, action);
    if (target != null) {
      ctx.put(TARGET, target);
    }
  }

  public static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }

  public static boolean changes(HttpMethod method) {
    return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
