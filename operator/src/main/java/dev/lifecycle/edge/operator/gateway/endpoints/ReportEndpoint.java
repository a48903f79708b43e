package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.Bodies;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import dev.lifecycle.edge.operator.gateway.http.RequestReader;
import dev.lifecycle.edge.operator.gateway.limits.Blocking;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.wire.Report;
import dev.lifecycle.edge.operator.host.JudgedHostWrites;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /v1/report}: checked on the event loop, written at once on a worker thread; 204.
 *
 * @param judged writes a report with the host's verdict and the Event of its transition, so the host
 *     reconciler finds nothing to write or record
 */
public record ReportEndpoint(HostAuthenticator authenticator, JudgedHostWrites judged, HostDirectory hosts,
    HeartbeatCoalescer coalescer, Blocking blocking, Clock clock) {

  public void handle(RoutingContext ctx) {
    EdgeHost host = authenticator.authenticate(ctx);
    Report report = RequestReader.read(Bodies.of(ctx), Report.class);
    Optional<Long> currentPlan = Optional.ofNullable(host.getStatus()).map(s -> s.getPlan())
        .map(HostPlan::getGeneration);
    RequestRules.report(report, currentPlan).ifPresent(problem -> {
      throw ApiError.badRequest(problem).exception();
    });
    blocking.run(ctx, () -> {
      Instant now = clock.instant();
      EdgeHost written = AgentStatusWriter.reportedAndJudged(judged, host, report.planGeneration(),
              AgentReport.State.valueOf(report.state()), report.message(), report.profileVersion(), now)
          .orElseThrow(() -> ApiError.unauthorized("the host no longer exists: "
              + HostAuthenticator.REGISTER_AGAIN).exception());
      hosts.written(written);
      coalescer.wrote(HostDirectory.key(written), now);
      return written;
    }, written -> Replies.empty(ctx, 204));
  }
}
