package dev.lifecycle.edge.site.api.clusters;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.Names;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.clusters.ClusterCreation;
import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.clusters.ClusterUpdates;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest;
import dev.lifecycle.edge.site.clusters.CreatedCluster;
import dev.lifecycle.edge.site.clusters.RequestRefused;
import dev.lifecycle.edge.site.clusters.UpdateClusterRequest;
import dev.lifecycle.edge.site.clusters.UpdatePreview;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site API's clusters, over the services of {@code site.clusters}: create one from a kept definition
 * ({@code POST /clusters}), list them and their progress ({@code GET /clusters}, {@code GET /clusters/{name}}),
 * preview and apply an update ({@code POST /clusters/{name}/update-preview}, {@code /update}), pause and resume
 * ({@code POST /clusters/{name}/pause}, {@code /resume}). Every refusal is the service's ({@link Refusals}): its
 * status, code, sentence and each problem. Mount after {@link SiteApi#mount}: the gate and the audit trail cover it.
 */
public final class ClusterRoutes {

  private static final int MAX_TEXT = 1024;

  private final String prefix = SiteApi.PREFIX;
  private final ClusterCreation creation;
  private final ClusterUpdates updates;
  private final ClusterControl control;
  private final JsonBody json;
  private final Runnable beforeUpdate;

  /**
   * @param json the site API's JSON body bounds
   * @param beforeUpdate run before an update is applied (the site's mirror brought up to date with the bundles
   *     uploaded for it)
   */
  public ClusterRoutes(ClusterCreation creation, ClusterUpdates updates, ClusterControl control, JsonBody json,
      Runnable beforeUpdate) {
    this.creation = creation;
    this.updates = updates;
    this.control = control;
    this.json = json;
    this.beforeUpdate = beforeUpdate;
  }

  public void mount(Router router) {
    JsonBody noBody = json.optional();
    router.post(prefix + "/clusters").handler(json).blockingHandler(this::create, false);
    router.get(prefix + "/clusters").blockingHandler(this::list, false);
    router.get(prefix + "/clusters/:name").blockingHandler(this::progress, false);
    router.post(prefix + "/clusters/:name/update-preview").handler(json).blockingHandler(this::preview, false);
    router.post(prefix + "/clusters/:name/update").handler(json).blockingHandler(this::update, false);
    router.post(prefix + "/clusters/:name/pause").handler(noBody).blockingHandler(this::pause, false);
    router.post(prefix + "/clusters/:name/resume").handler(noBody).blockingHandler(this::resume, false);
  }

  private void create(RoutingContext ctx) {
    SiteRequest.describe(ctx, "cluster.create", null);
    JsonObject body = JsonBody.of(ctx);
    String name = JsonBody.requiredString(body, "name", 63);
    if (name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      // otherwise the planner refuses the name, naming the rule
      ctx.put(SiteRequest.TARGET, "cluster/" + name);
    }
    CreateClusterRequest request = new CreateClusterRequest(name,
        JsonBody.requiredString(body, "definition", MAX_TEXT), JsonBody.requiredString(body, "version", MAX_TEXT),
        variables(body), hosts(body), network(body));
    CreatedCluster created = call(() -> creation.create(request));
    SiteRequest.json(ctx, 201, JsonObject.mapFrom(created));
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    control.list().forEach(progress -> items.add(JsonObject.mapFrom(progress)));
    SiteRequest.json(ctx, 200, new JsonObject().put("clusters", items));
  }

  private void progress(RoutingContext ctx) {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.json(ctx, 200, JsonObject.mapFrom(call(() -> control.progress(name))));
  }

  private void preview(RoutingContext ctx) {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "cluster.update-preview", "cluster/" + name);
    UpdateClusterRequest request = update(name, JsonBody.of(ctx));
    SiteRequest.json(ctx, 200, preview(call(() -> updates.preview(request))));
  }

  private void update(RoutingContext ctx) {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "cluster.update", "cluster/" + name);
    UpdateClusterRequest request = update(name, JsonBody.of(ctx));
    beforeUpdate.run();
    SiteRequest.json(ctx, 200, preview(call(() -> updates.apply(request))));
  }

  private void pause(RoutingContext ctx) {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "cluster.pause", "cluster/" + name);
    SiteRequest.json(ctx, 200, JsonObject.mapFrom(call(() -> control.pause(name))));
  }

  private void resume(RoutingContext ctx) {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "cluster.resume", "cluster/" + name);
    SiteRequest.json(ctx, 200, JsonObject.mapFrom(call(() -> control.resume(name))));
  }

  private static JsonObject preview(UpdatePreview preview) {
    return JsonObject.mapFrom(preview).put("applicable", preview.applicable());
  }

  private static UpdateClusterRequest update(String cluster, JsonObject body) {
    return new UpdateClusterRequest(cluster, JsonBody.requiredString(body, "definition", MAX_TEXT),
        JsonBody.requiredString(body, "version", MAX_TEXT), variables(body));
  }

  /** Values by name; a number or a boolean is taken as its text, which the service checks against its type. */
  static Map<String, String> variables(JsonObject body) {
    Object value = body.getValue("variables");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject values)) {
      throw ApiProblem.invalid("the field 'variables' must be an object of values by variable name");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (String name : values.fieldNames()) {
      Object one = values.getValue(name);
      if (one instanceof String || one instanceof Number || one instanceof Boolean) {
        variables.put(name, one.toString());
      } else {
        wrong.add(name);
      }
    }
    if (!wrong.isEmpty()) {
      throw ApiProblem.invalid("each variable's value must be a string, a number or a boolean; not so: "
          + String.join(", ", wrong.stream().map(ClusterRoutes::clip).toList()));
    }
    return variables;
  }

  static List<CreateClusterRequest.HostChoice> hosts(JsonObject body) {
    Object value = body.getValue("hosts");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ApiProblem.invalid("the field 'hosts' is required: a list of {\"host\": NAME, \"role\": "
          + "\"control-plane\" or \"worker\"}");
    }
    List<CreateClusterRequest.HostChoice> hosts = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject host)) {
        throw ApiProblem.invalid("each entry of 'hosts' must be an object {\"host\": NAME, \"role\": ROLE}");
      }
      hosts.add(new CreateClusterRequest.HostChoice(JsonBody.requiredString(host, "host", 253),
          JsonBody.requiredString(host, "role", 64)));
    }
    return hosts;
  }

  static CreateClusterRequest.NetworkSettings network(JsonObject body) {
    Object value = body.getValue("network");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject network)) {
      throw ApiProblem.invalid("the field 'network' must be an object (controlPlaneEndpoint, podCidr, serviceCidr)");
    }
    return new CreateClusterRequest.NetworkSettings(optional(network, "controlPlaneEndpoint"),
        optional(network, "podCidr"), optional(network, "serviceCidr"));
  }

  private static String optional(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.length() > 64) {
      throw ApiProblem.invalid("the field '" + field + "' must be a string of at most 64 characters");
    }
    return text;
  }

  /** A call of a service, its refusal answered as the site API's error. */
  interface Call<T> {
    T run() throws RequestRefused, IOException;
  }

  static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (RequestRefused refused) {
      throw Refusals.problem(refused);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String clip(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
