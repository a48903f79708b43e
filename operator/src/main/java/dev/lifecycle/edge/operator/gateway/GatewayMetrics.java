package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.operator.gateway.registration.Registrar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own metrics, in the registry java-operator-sdk's go to (so one /metrics serves both):
 * <ul>
 *   <li>{@code edge_gateway_requests_seconds} (count, sum, max) by {@code endpoint} (the four paths of the
 *       API, or {@code other}), {@code method} and {@code status} code, every answer included (429s, 404s);
 *   <li>{@code edge_gateway_registrations_total} by {@code outcome}: {@code registered} (a new host),
 *       {@code claimed} (a pre-provisioned one), {@code reregistered} (a known machine, new credential),
 *       {@code refused} (any 4xx: a bad token, an exhausted one, a bad request) or {@code failed} (5xx);
 *   <li>{@code edge_gateway_plan_not_modified_total}: plan polls answered 304, which cost nothing.
 * </ul>
 * Labels take a bounded set of values, whatever clients send.
 */
public final class GatewayMetrics {

  static final Set<String> ENDPOINTS = Set.of("/v1/register", "/v1/plan", "/v1/report", "/v1/heartbeat");
  private static final String OUTCOME = GatewayMetrics.class.getName() + ".outcome";

  private final MeterRegistry registry;
  private final Counter planNotModified;

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.planNotModified = Counter.builder("edge.gateway.plan.not.modified")
        .description("Plan polls answered 304 Not Modified (the agent already had the plan)")
        .register(registry);
  }

  /** The first handler of every request: records its answer once the answer's headers are written. */
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addHeadersEndHandler(done -> answered(ctx, System.nanoTime() - started));
    ctx.next();
  }

  /** Tells the recorder what a successful registration did (a refusal is known from its status). */
  public static void registered(RoutingContext ctx, Registrar.Outcome outcome) {
    ctx.put(OUTCOME, outcome);
  }

  private void answered(RoutingContext ctx, long nanos) {
    String path = ctx.request().path();
    String endpoint = path != null && ENDPOINTS.contains(path) ? path : "other";
    int status = ctx.response().getStatusCode();
    Timer.builder("edge.gateway.requests")
        .description("Requests to the gateway by endpoint, method and status code")
        .tags("endpoint", endpoint, "method", method(ctx.request().method()), "status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (endpoint.equals("/v1/register")) {
      Counter.builder("edge.gateway.registrations")
          .description("Registrations by outcome: registered, claimed, reregistered, refused (4xx), failed (5xx)")
          .tag("outcome", outcome(ctx, status))
          .register(registry)
          .increment();
    } else if (endpoint.equals("/v1/plan") && status == 304) {
      planNotModified.increment();
    }
  }

  private static String outcome(RoutingContext ctx, int status) {
    Registrar.Outcome outcome = ctx.get(OUTCOME);
    if (status < 300 && outcome != null) {
      return outcome.name().toLowerCase(Locale.ROOT);
    }
    return status >= 400 && status < 500 ? "refused" : "failed";
  }

  private static String method(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.POST ? method.name() : "other";
  }
}
