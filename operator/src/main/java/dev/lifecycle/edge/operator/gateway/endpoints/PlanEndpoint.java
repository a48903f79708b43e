package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.caches.JoinSecretCache;
import dev.lifecycle.edge.operator.gateway.caches.VariableSecretCache;
import dev.lifecycle.edge.operator.gateway.caches.PlanWaits;
import dev.lifecycle.edge.operator.gateway.http.GatewayException;
import dev.lifecycle.edge.operator.gateway.http.LongPoll;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import dev.lifecycle.edge.wire.Plan;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/plan}: the host's plan from the cache, on the event loop. 204 without a plan; the
 * plan with {@code ETag: "<generation>"}; 304 when the agent already has that generation. Never an
 * API call, so agents may poll it every few seconds.
 *
 * <p>With {@code Prefer: wait=N} (a long poll), a request that would get 304 (or 204 when the agent
 * has no plan either) is held until the host's plan changes or N seconds pass: an agent learns of a
 * new plan within the watch's latency, and an idle fleet costs one request per host per wait.
 *
 * <p>A plan that installs or upgrades Kubernetes carries its cluster's join secret ({@link PlanWithSecret});
 * while the gateway's cache has not seen that secret, the answer is 503 with Retry-After, never the plan
 * without it.
 */
public final class PlanEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(PlanEndpoint.class);

  private final HostAuthenticator authenticator;
  private final Hearing hearing;
  private final PlanWaits waits;
  private final Vertx vertx;
  private final PlanWithSecret plans;

  public PlanEndpoint(HostAuthenticator authenticator, Hearing hearing, PlanWaits waits, Vertx vertx,
      JoinSecretCache joinSecrets, VariableSecretCache variableSecrets) {
    this.authenticator = authenticator;
    this.hearing = hearing;
    this.waits = waits;
    this.vertx = vertx;
    this.plans = new PlanWithSecret(joinSecrets, variableSecrets);
  }

  public void handle(RoutingContext ctx) {
    EdgeHost host = authenticator.authenticate(ctx);
    // A poll ending a silence is not heard: the agent's next heartbeat, written, is.
    hearing.heard(host);
    Optional<Duration> wait = LongPoll.requested(ctx.request().getHeader(LongPoll.PREFER));
    if (wait.isPresent() && nothingNew(ctx, host)) {
      park(ctx, host, wait.get());
      return;
    }
    answer(ctx, host, Map.of());
  }

  /** Whether the agent already has what the host's plan is: the same generation, or no plan on both sides. */
  private static boolean nothingNew(RoutingContext ctx, EdgeHost host) {
    HostPlan plan = planOf(host);
    if (plan == null) {
      return ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH) == null;
    }
    return fresh(ctx, plan);
  }

  /**
   * Whether the agent's If-None-Match names the plan's ETag ({@code "<generation>"}), as Vert.x judges
   * it (RFC 9110: weak comparison, lists, {@code *}); the answer carries that ETag from here on.
   */
  private static boolean fresh(RoutingContext ctx, HostPlan plan) {
    ctx.etag("\"" + plan.getGeneration() + "\"");
    return ctx.isFresh();
  }

  /**
   * Holds the request until the plan changes or the wait ends. The plan is read again after parking,
   * so a change that lands between the first read and the parking is not missed.
   */
  private void park(RoutingContext ctx, EdgeHost host, Duration wait) {
    Context context = vertx.getOrCreateContext();
    Map<String, String> applied = Map.of(LongPoll.PREFERENCE_APPLIED, LongPoll.applied(wait));
    Parked parked = new Parked();
    Runnable wake = () -> context.runOnContext(v -> {
      if (parked.end()) {
        answerAfterWait(ctx, applied);
      }
    });
    parked.timer = vertx.setTimer(wait.toMillis(), id -> {
      if (parked.end()) {
        if (authenticator.current(host).filter(now -> !nothingNew(ctx, now)).isPresent()) {
          LOG.warn("a long poll of host {} was not woken by its plan change; answered at the end of its wait",
              HostDirectory.key(host));
        }
        answerAfterWait(ctx, applied);
      }
    });
    parked.unpark = waits.park(HostDirectory.key(host), wake);
    ctx.response().closeHandler(v -> parked.end());
    Optional<EdgeHost> now = authenticator.current(host);
    if (now.isEmpty() || !nothingNew(ctx, now.get())) {
      wake.run();
    }
  }

  /**
   * A held request, ended exactly once: by its host's plan changing, by its wait running out, or by
   * its client leaving.
   */
  private final class Parked {
    private final AtomicBoolean over = new AtomicBoolean();
    private long timer;
    private Runnable unpark;

    /** Stops the timer and leaves the waits; true only for the first caller, who answers (if anyone does). */
    boolean end() {
      if (!over.compareAndSet(false, true)) {
        return false;
      }
      vertx.cancelTimer(timer);
      unpark.run();
      return true;
    }
  }

  /** The answer once the wait is over: whatever the host's plan is now, for a host that still exists. */
  private void answerAfterWait(RoutingContext ctx, Map<String, String> applied) {
    EdgeHost host;
    try {
      host = authenticator.authenticate(ctx);
    } catch (GatewayException e) {
      ctx.fail(e);
      return;
    }
    answer(ctx, host, applied);
  }

  private void answer(RoutingContext ctx, EdgeHost host, Map<String, String> extraHeaders) {
    HostPlan plan = planOf(host);
    if (plan == null) {
      // A plan seen before a long poll may be gone after it: no ETag without a plan.
      ctx.response().headers().remove(HttpHeaders.ETAG);
      Replies.empty(ctx, 204, extraHeaders);
      return;
    }
    if (fresh(ctx, plan)) {
      Replies.empty(ctx, 304, extraHeaders);
      return;
    }
    Optional<Plan> body = plans.of(host, plan);
    if (body.isEmpty()) {
      ctx.response().headers().remove(HttpHeaders.ETAG);
      Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
      headers.put("Retry-After", Long.toString(PlanWithSecret.RETRY_AFTER_SECONDS));
      Replies.error(ctx, plans.unavailable(host, plan), headers);
      return;
    }
    Replies.json(ctx, 200, body.get(), extraHeaders);
  }

  private static HostPlan planOf(EdgeHost host) {
    HostPlan plan = host.getStatus() == null ? null : host.getStatus().getPlan();
    return plan == null || plan.getGeneration() == null ? null : plan;
  }
}
