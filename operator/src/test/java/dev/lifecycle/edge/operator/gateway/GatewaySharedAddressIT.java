package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agents behind one address (a site's NAT) with a misbehaving device among them (issue 15, finding 3):
 * the device's failures spend the address's budget, never the budget of an agent that proves itself.
 */
class GatewaySharedAddressIT {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start(config -> config.withFailures(new GatewayConfig.RateLimit(3, 0.2)));

  @Test
  @DisplayName("When a device behind the same address spends the address's failure budget, then healthy agents' "
      + "heartbeats and plan polls are still served, and the device and other unproven requests get 429")
  void failuresOfOneDeviceDoNotLockOutItsNeighbours() {
    String ns = fixture.newNamespace("gw-nat");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered healthy = fixture.register(token, "m-nat-0", "nat-a");
    Registered neighbour = fixture.register(token, "m-nat-1", "nat-b");
    assertThat(healthy.status()).isEqualTo(201);
    assertThat(neighbour.status()).isEqualTo(201);

    for (int i = 0; i < 10; i++) {
      fixture.post("/v1/register", GatewayFixture.registration("guess-" + i, "m-nat-9", "nat-z"), JSON);
      fixture.get("/v1/plan", GatewayFixture.bearer("ehc1.not.valid-" + i));
    }

    for (Registered agent : new Registered[] {healthy, neighbour}) {
      assertThat(fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(agent.credential())).statusCode())
          .as("heartbeat of " + agent.host()).isEqualTo(204);
      assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(agent.credential())).statusCode())
          .as("plan of " + agent.host()).isEqualTo(204);
    }
    assertThat(fixture.post("/v1/register", GatewayFixture.registration("guess-x", "m-nat-9", "nat-z"), JSON)
        .statusCode()).isEqualTo(429);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(healthy.credential() + "x")).statusCode())
        .as("a credential that does not verify is judged by the address").isEqualTo(429);
  }
}
