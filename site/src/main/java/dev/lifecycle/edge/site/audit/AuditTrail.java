package dev.lifecycle.edge.site.audit;

import dev.lifecycle.edge.site.api.ApiErrors;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.SiteRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Audits every request that may change something (any method but GET, HEAD and OPTIONS), done or refused, just
 * before its answer goes out: the entry is on disk before the client sees the answer. Routes name the action and
 * its target ({@link SiteRequest#describe}); a request refused before any route named it is recorded by method and
 * path.
 */
public final class AuditTrail implements Handler<RoutingContext> {

  private final Audit audit;

  public AuditTrail(Audit audit) {
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (SiteRequest.changes(ctx.request().method())) {
      ctx.addHeadersEndHandler(done -> record(ctx));
    }
    ctx.next();
  }

  private void record(RoutingContext ctx) {
    String actor = ctx.get(SiteRequest.ACTOR);
    String action = ctx.get(SiteRequest.ACTION);
    int status = ctx.response().getStatusCode();
    ApiProblem problem = ctx.get(ApiErrors.PROBLEM);
    boolean ok = status < 400 && problem == null;
    audit.record(actor == null ? "anonymous" : actor, SiteRequest.address(ctx),
        action == null ? ctx.request().method() + " " + ctx.request().path() : action, ctx.get(SiteRequest.TARGET),
        ok ? AuditEntry.OK : AuditEntry.REFUSED,
        ok ? null : problem == null ? "HTTP " + status : status + " " + problem.code() + ": " + problem.getMessage());
  }
}
