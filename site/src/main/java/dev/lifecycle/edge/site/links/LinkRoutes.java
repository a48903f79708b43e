package dev.lifecycle.edge.site.links;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.Names;
import dev.lifecycle.edge.site.api.SiteRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /links} (create, list, revoke link tokens), {@code /hosts} (list, reset, unlink) and {@code /events} of the
 * site API.
 */
public final class LinkRoutes {

  private final String prefix;
  private final LinkTokens links;
  private final SiteHosts hosts;

  private final JsonBody noBody;

  /** @param noBody the site API's body bounds, for routes that take no body (see {@link JsonBody#optional}) */
  public LinkRoutes(String prefix, LinkTokens links, SiteHosts hosts, JsonBody noBody) {
    this.prefix = prefix;
    this.links = links;
    this.hosts = hosts;
    this.noBody = noBody.optional();
  }

  public void mount(Router router) {
    router.post(prefix + "/links").handler(noBody).blockingHandler(this::create, false);
    router.get(prefix + "/links").blockingHandler(this::list, false);
    router.delete(prefix + "/links/:name").handler(noBody).blockingHandler(this::revoke, false);
    router.get(prefix + "/hosts").blockingHandler(this::hosts, false);
    router.post(prefix + "/hosts/:name/reset").handler(noBody).blockingHandler(this::reset, false);
    router.delete(prefix + "/hosts/:name").handler(noBody).blockingHandler(this::unlink, false);
    router.get(prefix + "/events").blockingHandler(this::events, false);
  }

  private void create(RoutingContext ctx) {
    SiteRequest.describe(ctx, "link.create", null);
    String user = ctx.get(SiteRequest.ACTOR);
    LinkTokens.Created created = links.create(user);
    ctx.put(SiteRequest.TARGET, "link/" + created.link().name());
    SiteRequest.json(ctx, 201, link(created.link()).put("text", created.token().encode())
        .put("controller", created.token().controller().toString())
        .put("fingerprint", created.token().fingerprint()));
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    links.usable().forEach(link -> items.add(link(link)));
    SiteRequest.json(ctx, 200, new JsonObject().put("links", items));
  }

  private void revoke(RoutingContext ctx) {
    String name = Names.require("link token", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "link.revoke", "link/" + name);
    links.revoke(name);
    ctx.response().setStatusCode(204).end();
  }

  private void hosts(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    hosts.hosts().forEach(host -> items.add(JsonObject.mapFrom(host)));
    SiteRequest.json(ctx, 200, new JsonObject().put("hosts", items));
  }

  private void reset(RoutingContext ctx) {
    String name = Names.require("host", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "host.reset", "host/" + name);
    SiteHosts.Host host = hosts.reset(name, ctx.get(SiteRequest.ACTOR));
    SiteRequest.json(ctx, 202, new JsonObject().put("host", JsonObject.mapFrom(host)).put("message",
        resetMessage(name, host.cluster())));
  }

  /** What a reset of a host in a cluster does, as the site API answers it. */
  public static String resetMessage(String host, String cluster) {
    return "cluster " + cluster + " replaces host " + host + " with an Available host, then releases it with a "
        + "Reset plan; the host stays out of clusters until its reset is cleared";
  }

  /** What unlinking a host does, in words. */
  public static String unlinkMessage(String host) {
    return "the site deletes its record of host " + host + ", and with it the host's credential: the host can no "
        + "longer reach the site, report or take updates; to use it again, link it anew with a new link token";
  }

  private void unlink(RoutingContext ctx) {
    String name = Names.require("host", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "host.unlink", "host/" + name);
    hosts.unlink(name);
    ctx.response().setStatusCode(204).end();
  }

  private void events(RoutingContext ctx) {
    String text = ctx.request().getParam("limit");
    int limit = 100;
    if (text != null) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw ApiProblem.badRequest("the parameter 'limit' must be a whole number");
      }
      if (limit < 1 || limit > 1000) {
        throw ApiProblem.badRequest("the parameter 'limit' must be between 1 and 1000");
      }
    }
    JsonArray items = new JsonArray();
    hosts.events(limit).forEach(event -> items.add(JsonObject.mapFrom(event)));
    SiteRequest.json(ctx, 200, new JsonObject().put("events", items));
  }

  private static JsonObject link(LinkTokens.Link link) {
    JsonObject json = new JsonObject().put("name", link.name()).put("createdAt", link.createdAt().toString())
        .put("expiresAt", link.expiresAt().toString());
    if (link.createdBy() != null) {
      json.put("createdBy", link.createdBy());
    }
    return json;
  }
}
