package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.Bodies;
import dev.lifecycle.edge.operator.gateway.http.MediaTypes;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import dev.lifecycle.edge.operator.gateway.http.RequestReader;
import dev.lifecycle.edge.operator.gateway.limits.Blocking;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.wire.Heartbeat;
import dev.lifecycle.edge.operator.host.HostRules;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /v1/heartbeat}: 204 always; the heartbeat is heard ({@link Hearing}) and the
 * {@link HeartbeatCoalescer} decides whether it is also written (on a worker thread). A heartbeat that ends a
 * silence (the host was Unreachable, or would be judged so: the host reconciler may not have written it yet, and a
 * cluster may have) is written at once, and counts as heard once written.
 */
public record HeartbeatEndpoint(HostAuthenticator authenticator, AgentStatusWriter writer, HostDirectory hosts,
    HeartbeatCoalescer coalescer, Hearing hearing, Blocking blocking, Clock clock) {

  public void handle(RoutingContext ctx) {
    EdgeHost host = authenticator.authenticate(ctx);
    byte[] body = Bodies.of(ctx);
    if (body.length > 0) {
      if (!MediaTypes.isJson(ctx)) {
        throw ApiError.unsupportedMediaType("a heartbeat body must be application/json (or no body at all)")
            .exception();
      }
      RequestReader.read(body, Heartbeat.class);
    }
    String key = HostDirectory.key(host);
    Instant heardAt = clock.instant();
    EdgeHostStatus status = host.getStatus();
    boolean endsSilence = !hearing.heard(host);
    Phase phase = endsSilence ? Phase.Unreachable : status == null ? null : status.getPhase();
    if (!coalescer.claim(key, phase, HostRules.lastSeen(status))) {
      Replies.empty(ctx, 204);
      return;
    }
    // Turned away (503): the agent sends it again in a second, and that one must be written. A claim kept
    // here coalesced the retries away, and under load hosts went Unreachable while they sent heartbeats.
    boolean admitted = blocking.run(ctx, () -> {
      try {
        Instant now = clock.instant();
        Optional<EdgeHost> written = writer.heartbeat(host, now);
        written.ifPresent(hosts::written);
        written.ifPresent(h -> hearing.written(h, heardAt));
        return written;
      } catch (RuntimeException e) {
        coalescer.forget(key);
        throw e;
      }
    }, written -> Replies.empty(ctx, 204));
    if (!admitted) {
      coalescer.forget(key);
    }
  }
}
