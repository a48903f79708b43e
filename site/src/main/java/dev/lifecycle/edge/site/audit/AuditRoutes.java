package dev.lifecycle.edge.site.audit;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.SiteRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /api/site/v1/audit?limit=N&before=SEQ}: the audit log, newest first, a page at a time. */
public final class AuditRoutes {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private AuditRoutes() {
  }

  public static void mount(Router router, String prefix, AuditLog log) {
    router.get(prefix + "/audit").blockingHandler(ctx -> list(ctx, log), false);
  }

  private static void list(RoutingContext ctx, AuditLog log) {
    int limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String beforeText = ctx.request().getParam("before");
    Long before = beforeText == null ? null : number(ctx, "before", 0, 1, Long.MAX_VALUE);
    List<AuditEntry> entries = log.list(limit, before);
    JsonArray items = new JsonArray();
    entries.forEach(entry -> items.add(JsonObject.mapFrom(entry)));
    JsonObject answer = new JsonObject().put("entries", items);
    if (entries.size() == limit && entries.get(entries.size() - 1).seq() > 1) {
      answer.put("next", entries.get(entries.size() - 1).seq());
    }
    SiteRequest.json(ctx, 200, answer);
  }

  private static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        throw ApiProblem.badRequest("the parameter '" + name + "' must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("the parameter '" + name + "' must be a whole number");
    }
  }
}
