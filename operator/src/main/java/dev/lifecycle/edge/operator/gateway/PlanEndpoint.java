package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /v1/plan}: the host's plan from the cache, on the event loop. 204 without a plan; the
 * plan with {@code ETag: "<generation>"}; 304 when the agent already has that generation. Never an
 * API call, so agents may poll it every few seconds.
 */
final class PlanEndpoint {

  private final HostAuthenticator authenticator;

  PlanEndpoint(HostAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  void handle(RoutingContext ctx) {
    EdgeHost host = authenticator.authenticate(ctx);
    HostPlan plan = host.getStatus() == null ? null : host.getStatus().getPlan();
    if (plan == null || plan.getGeneration() == null) {
      Replies.empty(ctx, 204);
      return;
    }
    String tag = EntityTags.of(plan.getGeneration());
    Map<String, String> headers = Map.of(HttpHeaders.ETAG.toString(), tag);
    if (EntityTags.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
      Replies.empty(ctx, 304, headers);
      return;
    }
    Replies.json(ctx, 200, plan, headers);
  }
}
