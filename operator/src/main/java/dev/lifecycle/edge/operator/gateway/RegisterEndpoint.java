package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/register}: validates the request and finds the token on the event loop (cache only,
 * so a bad request or an unknown token costs no API call), then registers on a worker thread.
 */
final class RegisterEndpoint {

  private final GatewayCaches caches;
  private final Registrar registrar;
  private final Blocking blocking;

  RegisterEndpoint(GatewayCaches caches, Registrar registrar, Blocking blocking) {
    this.caches = caches;
    this.registrar = registrar;
    this.blocking = blocking;
  }

  void handle(RoutingContext ctx) {
    RegisterRequest request = RequestReader.read(Bodies.of(ctx), RegisterRequest.class);
    RequestRules.register(request).ifPresent(problem -> {
      throw ApiError.badRequest(problem).exception();
    });
    RegistrationToken token = caches.tokenFor(request.token()).orElseThrow(() -> ApiError.unauthorized(
        "unknown registration token: use the token of the installer user-data (a token whose Secret was "
            + "re-issued no longer registers)").exception());
    blocking.run(ctx, () -> registrar.register(request, token),
        registration -> {
          GatewayMetrics.registered(ctx, registration.outcome());
          Replies.json(ctx, registration.created() ? 201 : 200, registration.response());
        });
  }
}
