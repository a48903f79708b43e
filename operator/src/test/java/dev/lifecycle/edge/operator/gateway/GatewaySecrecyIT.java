package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.support.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Neither a registration token nor a host credential, nor the secret part of one, appears in the
 * operator's log (standard output) or in an Event, through a whole register, plan, report, heartbeat
 * cycle with refusals on the way.
 */
class GatewaySecrecyIT {

  private static CapturedOutput log;
  private static GatewayFixture fixture;

  @BeforeAll
  static void start() {
    log = CapturedOutput.start();
    fixture = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
    log.close();
  }

  @Test
  @DisplayName("When hosts register, re-register, fetch plans, report, heartbeat and fail, then no token or credential "
      + "appears in the log or in Events")
  void secretsNeverLeak() {
    String ns = fixture.newNamespace("gw-secret");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "s1")));
    List<String> secrets = new ArrayList<>(List.of(token));
    Registered first = fixture.register(token, "m-secret-0", "secret-a");
    Registered again = fixture.register(GatewayFixture.registration(token, "m-secret-0", "secret-a"),
        GatewayFixture.bearer(first.credential()));
    Registered other = fixture.register(token, "m-secret-1", "secret-b");
    for (Registered registered : List.of(first, again, other)) {
      secrets.add(registered.credential());
      secrets.add(registered.credential().substring(registered.credential().lastIndexOf('.') + 1));
    }
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(first.credential())).statusCode()).isEqualTo(401);
    assertThat(fixture.post("/v1/register", GatewayFixture.registration(token + "x", "m-secret-2", "c"),
        Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(401);
    assertThat(fixture.post("/v1/register", "{\"token\":\"" + token + "\",\"machineId\":\"m-2\",\"oops\":1}",
        Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(400);
    assertThat(fixture.post("/v1/register", "{\"token\": " + token + "}",
        Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(400);
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    fixture.client().resource(Fixtures.selecting(Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 1),
        Map.of("site", "s1"))).create();
    for (Registered agent : List.of(again, other)) {
      String credential = agent.credential();
      await().atMost(Duration.ofSeconds(15)).until(() ->
          fixture.get("/v1/plan", GatewayFixture.bearer(credential)).statusCode() == 200);
      HttpResponse<String> plan = fixture.get("/v1/plan", GatewayFixture.bearer(credential));
      long generation = GatewayFixture.parse(plan.body()).path("generation").asLong();
      assertThat(fixture.post("/v1/report", "{\"planGeneration\":" + generation + ",\"state\":\"Applied\","
          + "\"profileVersion\":\"1.0.0\"}", Map.of("Authorization", "Bearer " + credential,
          "Content-Type", "application/json")).statusCode()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, agent.host()).getStatus().getPhase()
          == Phase.Running);
      assertThat(fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(credential)).statusCode())
          .isEqualTo(204);
    }

    String logged = log.all();
    String events = fixture.client().getKubernetesSerialization()
        .asJson(fixture.client().v1().events().inNamespace(ns).list());
    assertThat(logged).as("the log was captured").contains("EdgeHost " + ns + "/secret-a: Registered",
        "EdgeHost " + ns + "/secret-a: Reregistered", "refused: 401 Unauthorized", "refused: 400 BadRequest");
    assertThat(events).contains("Registered", "Reregistered");
    for (String secret : secrets) {
      assertThat(logged).doesNotContain(secret);
      assertThat(events).doesNotContain(secret);
    }
  }
}
