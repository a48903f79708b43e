package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/report}: checked on the event loop, written at once on a worker thread; 204. A report
 * {@link ReportRules} refuses, on the cached host or on the fresh one the write starts from, is a 409
 * (400 for a plan the host never had) and changes nothing. The message is made printable here
 * ({@link ReportedText}), where reports enter, before anything stores or shows it. The site settings an
 * Applied report carries are checked against the CRD's rules ({@link SiteRules}) and become
 * {@code status.site}.
 *
 * @param judged writes a report with the host's verdict and the Event of its transition, so the host
 *     reconciler finds nothing to write or record
 */
public record ReportEndpoint(HostAuthenticator authenticator, JudgedHostWrites judged, HostDirectory hosts,
    HeartbeatCoalescer coalescer, Hearing hearing, Blocking blocking, Clock clock) {

  public void handle(RoutingContext ctx) {
    EdgeHost host = authenticator.authenticate(ctx);
    // A report ending a silence is not heard until written: its write records lastSeen.
    hearing.heard(host);
    Report read = RequestReader.read(Bodies.of(ctx), Report.class);
    RequestRules.report(read).ifPresent(problem -> {
      throw ApiError.badRequest(problem).exception();
    });
    Report report = new Report(read.planGeneration(), read.state(), ReportedText.printable(read.message()),
        read.profileVersion(), read.site());
    refuseUnlessAccepted(decide(host, report));
    blocking.run(ctx, () -> {
      Instant now = clock.instant();
      // Judged again on the fresh object the write starts from: a new plan may have come meanwhile.
      AtomicReference<ReportRules.Decision> onFresh = new AtomicReference<>(new ReportRules.Accept());
      Optional<EdgeHost> written = AgentStatusWriter.reportedAndJudged(judged, host, fresh -> {
        onFresh.set(decide(fresh, report));
        return onFresh.get() instanceof ReportRules.Accept;
      }, report.planGeneration(), AgentReport.State.valueOf(report.state()), report.message(),
          report.profileVersion(), report.site(), now);
      refuseUnlessAccepted(onFresh.get());
      EdgeHost recorded = written.orElseThrow(() -> ApiError.unauthorized("the host no longer exists: "
          + HostAuthenticator.REGISTER_AGAIN).exception());
      hosts.written(recorded);
      coalescer.wrote(HostDirectory.key(recorded), now);
      return recorded;
    }, written -> Replies.empty(ctx, 204));
  }

  private static ReportRules.Decision decide(EdgeHost host, Report report) {
    EdgeHostStatus status = host.getStatus();
    return ReportRules.decide(status == null ? null : status.getPlan(), status == null ? null : status.getReport(),
        report);
  }

  private static void refuseUnlessAccepted(ReportRules.Decision decision) {
    if (decision instanceof ReportRules.Refuse refuse) {
      throw (refuse.status() == 409 ? new ApiError(409, "ReportConflict", refuse.message())
          : ApiError.badRequest(refuse.message())).exception();
    }
  }
}
