package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.Bodies;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import dev.lifecycle.edge.operator.gateway.http.RequestReader;
import dev.lifecycle.edge.operator.gateway.limits.Blocking;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.host.HostNotices;
import dev.lifecycle.edge.wire.Report;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code POST /v1/report}: checked on the event loop, written at once on a worker thread; 204. */
public final class ReportEndpoint {

  private final HostAuthenticator authenticator;
  private final AgentStatusWriter writer;
  private final HostDirectory hosts;
  private final HeartbeatCoalescer coalescer;
  private final Blocking blocking;
  private final Clock clock;
  private final EventRecorder events;
  private final Duration staleness;

  /**
   * @param events where the Event of a host's transition goes (the report's write judges the host,
   *     so the host reconciler finds nothing to record)
   * @param staleness how long without a report before a host counts as Unreachable
   */
  public ReportEndpoint(HostAuthenticator authenticator, AgentStatusWriter writer, HostDirectory hosts,
      HeartbeatCoalescer coalescer, Blocking blocking, Clock clock, EventRecorder events, Duration staleness) {
    this.events = events;
    this.staleness = staleness;
    this.authenticator = authenticator;
    this.writer = writer;
    this.hosts = hosts;
    this.coalescer = coalescer;
    this.blocking = blocking;
    this.clock = clock;
  }

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
      AgentStatusWriter.Judged judged = writer.reportedAndJudged(host, report.planGeneration(),
              AgentReport.State.valueOf(report.state()), report.message(), report.profileVersion(), now, staleness)
          .orElseThrow(() -> ApiError.unauthorized("the host no longer exists: "
              + HostAuthenticator.REGISTER_AGAIN).exception());
      EdgeHost written = judged.host();
      hosts.written(written);
      coalescer.wrote(HostDirectory.key(written), now);
      HostNotices.between(judged.before(), judged.verdict()).ifPresent(notice ->
          events.record(written, notice.warning(), notice.reason(), notice.message()));
      return written;
    }, written -> Replies.empty(ctx, 204));
  }
}
