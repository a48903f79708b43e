package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Failed attempts are rate limited per client: after a burst, 429 with Retry-After, before any work. */
class GatewayRateLimitIT {

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start(config -> config.withFailures(new GatewayConfig.RateLimit(3, 0.2)));

  @Test
  @DisplayName("When a client fails three times, then even its valid registration gets 429 with Retry-After and "
      + "changes nothing")
  void failuresAreRateLimited() {
    String ns = fixture.newNamespace("gw-rate");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    for (int i = 0; i < 3; i++) {
      assertThat(fixture.post("/v1/register", GatewayFixture.registration("guess-" + i, "m-rate-0", "rate-a"),
          Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(401);
    }
    Map<String, String> before = fixture.versions(ns);

    HttpResponse<String> refused = fixture.post("/v1/register", GatewayFixture.registration(token, "m-rate-0",
        "rate-a"), Map.of("Content-Type", "application/json"));

    JsonNode body = GatewayFixture.parse(refused.body());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(body.path("error").asText()).isEqualTo("TooManyRequests");
    assertThat(body.path("message").asText()).contains("too many failed or too frequent requests");
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
    assertThat(fixture.versions(ns)).isEqualTo(before);
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).isEmpty();
    assertThat(fixture.get("/v1/plan", Map.of()).statusCode()).as("429 costs nothing more, and stays").isEqualTo(429);
  }
}
