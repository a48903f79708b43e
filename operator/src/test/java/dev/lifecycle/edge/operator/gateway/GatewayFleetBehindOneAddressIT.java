package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A fleet behind one address (a site's NAT, an egress proxy) larger than that address's budget (issue 21):
 * hosts proving themselves are limited by their own budgets only, while the requests that prove no host are
 * held to the address's.
 */
class GatewayFleetBehindOneAddressIT {

  private static final int HOSTS = 150;
  /** Room for the registrations and a little more: far less than the fleet's heartbeats and polls. */
  private static final GatewayConfig.RateLimit ADDRESS = new GatewayConfig.RateLimit(HOSTS + 20, 0.2);
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start(config -> config
      .withFailures(new GatewayConfig.RateLimit(10_000, 1_000)).withRequests(ADDRESS));

  @Test
  @DisplayName("When more hosts than one address's budget allows heartbeat and poll from that address, then none "
      + "gets 429, and an unauthenticated flood from the same address is limited")
  void fleetBehindOneAddress() {
    String ns = fixture.newNamespace("gw-fleet");
    String token = fixture.token(ns, "site", GatewayFixture.spec(null, Map.of()));
    List<Registered> fleet = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      Registered host = fixture.register(token, "m-fleet-" + i, "fleet-" + i);
      assertThat(host.status()).as("registration %d", i).isEqualTo(201);
      fleet.add(host);
    }

    int refusedHosts = round(fleet);
    int flood = 60;
    int floodRefused = 0;
    for (int i = 0; i < flood; i++) {
      floodRefused += fixture.post("/v1/register", GatewayFixture.registration("guess-" + i, "m-x-" + i, "x-" + i),
          JSON).statusCode() == 429 ? 1 : 0;
    }
    int refusedAfterFlood = round(fleet);

    System.out.printf("fleet behind one address: %d hosts, %d authenticated requests, %d refused (429); "
        + "address budget %d; unauthenticated flood %d, %d refused (429)%n", HOSTS, 4 * HOSTS,
        refusedHosts + refusedAfterFlood, ADDRESS.burst(), flood, floodRefused);
    assertThat(refusedHosts + refusedAfterFlood).as("authenticated requests answered 429").isZero();
    assertThat(floodRefused).as("the flood beyond the address's remaining budget").isGreaterThanOrEqualTo(flood - 25);
  }

  /** Every host heartbeats and polls its plan with its credential; how many of those were answered 429. */
  private static int round(List<Registered> fleet) {
    int refused = 0;
    for (Registered host : fleet) {
      int heartbeat = fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(host.credential())).statusCode();
      int plan = fixture.get("/v1/plan", GatewayFixture.bearer(host.credential())).statusCode();
      assertThat(heartbeat).as("heartbeat of %s", host.host()).isIn(204, 429);
      assertThat(plan).as("plan of %s", host.host()).isIn(204, 429);
      refused += (heartbeat == 429 ? 1 : 0) + (plan == 429 ? 1 : 0);
    }
    return refused;
  }
}
