package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.gateway.GatewayMetrics;
import dev.lifecycle.edge.operator.gateway.caches.GatewayCaches;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.BearerCredentials;
import dev.lifecycle.edge.operator.gateway.http.Bodies;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import dev.lifecycle.edge.operator.gateway.http.RequestReader;
import dev.lifecycle.edge.operator.gateway.limits.Blocking;
import dev.lifecycle.edge.operator.gateway.registration.Registrar;
import dev.lifecycle.edge.wire.RegisterRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /v1/register}: validates the request and finds the token on the event loop (cache only,
 * so a bad request or an unknown token costs no API call), then registers on a worker thread. A
 * re-registration carries the host's current credential as {@code Authorization: Bearer}.
 */
public final class RegisterEndpoint {

  private final GatewayCaches caches;
  private final Registrar registrar;
  private final Blocking blocking;

  public RegisterEndpoint(GatewayCaches caches, Registrar registrar, Blocking blocking) {
    this.caches = caches;
    this.registrar = registrar;
    this.blocking = blocking;
  }

  public void handle(RoutingContext ctx) {
    RegisterRequest request = RequestReader.read(Bodies.of(ctx), RegisterRequest.class);
    RequestRules.register(request).ifPresent(problem -> {
      throw ApiError.badRequest(problem).exception();
    });
    RegistrationToken token = caches.tokenFor(request.token()).orElseThrow(() -> ApiError.unauthorized(
        "unknown registration token: use the token of the installer user-data (a token whose Secret was "
            + "re-issued no longer registers)").exception());
    // A registered machine registers again with its host's current credential (verified under the
    // registration's lock); any other Authorization proves nothing and is ignored.
    Optional<String> presented = BearerCredentials.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    blocking.run(ctx, () -> registrar.register(request, token, presented),
        registration -> {
          GatewayMetrics.registered(ctx, registration.outcome());
          Replies.json(ctx, registration.created() ? 201 : 200, registration.response());
        });
  }
}
