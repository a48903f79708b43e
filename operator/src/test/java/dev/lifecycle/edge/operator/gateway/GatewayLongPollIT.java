package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/plan} with {@code Prefer: wait=N}: held until the plan changes, or N seconds. */
class GatewayLongPollIT {

  private static GatewayFixture fixture;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    fixture = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private Registered registered(String prefix) {
    String ns = fixture.newNamespace(prefix);
    String token = fixture.token(ns, "wave", GatewayFixture.spec(null, Map.of()));
    Registered registered = fixture.register(token, "m-" + prefix, prefix + "-a");
    assertThat(registered.status()).isEqualTo(201);
    fixture.joinSecret(ns, "store");
    return registered;
  }

  private static CompletableFuture<HttpResponse<String>> poll(Registered host, String etag, int waitSeconds,
      Duration clientTimeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.gateway().url() + "/v1/plan")).GET()
        .timeout(clientTimeout)
        .header("Authorization", "Bearer " + host.credential())
        .header("Prefer", "wait=" + waitSeconds);
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Writes a plan as the cluster reconciler does: read, change, write, again on a conflict. */
  private static void givePlan(Registered host, long generation) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(generation);
    plan.setAction(generation == 1 ? HostPlan.Action.Init : HostPlan.Action.Upgrade);
    plan.setCluster("store");
    plan.setRole(HostRole.CONTROL_PLANE);
    plan.setProfileVersion("1." + generation + ".0");
    new StatusWriter(fixture.client()).update(fixture.host(host.namespace(), host.host()), fresh -> {
      fresh.getStatus().setPlan(plan);
      return fresh;
    }).orElseThrow();
  }

  /** A change of the host that leaves its plan alone (a merge patch: no conflict with the operator). */
  private static void relabel(Registered host, String value) {
    fixture.client().resources(EdgeHost.class).inNamespace(host.namespace()).withName(host.host())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"touched\":\"" + value + "\"}}}");
  }

  @Test
  @DisplayName("When a host without a plan long-polls, then the request is held and answered 200 with the plan as "
      + "soon as it is written")
  void heldUntilThePlanArrives() throws Exception {
    Registered host = registered("lp-arrive");
    CompletableFuture<HttpResponse<String>> answer = poll(host, null, 20, Duration.ofSeconds(30));
    Thread.sleep(500);
    assertThat(answer).as("held while there is no plan").isNotDone();

    long written = System.nanoTime();
    givePlan(host, 1);

    HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=20");
    assertThat(GatewayFixture.parse(response.body()).path("profileVersion").asText()).isEqualTo("1.1.0");
    assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("When the agent has the current plan, then a long poll ends with the next generation, and changes "
      + "that leave the plan alone do not end it")
  void nextGeneration() throws Exception {
    Registered host = registered("lp-next");
    givePlan(host, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.get("/v1/plan",
        GatewayFixture.bearer(host.credential())).statusCode() == 200);

    CompletableFuture<HttpResponse<String>> answer = poll(host, "\"1\"", 20, Duration.ofSeconds(30));
    relabel(host, "once");
    Thread.sleep(700);
    assertThat(answer).as("a label change is not a new plan").isNotDone();
    givePlan(host, 2);

    HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).contains("\"2\"");
  }

  @Test
  @DisplayName("When nothing changes, then the long poll ends with 304 after the wait, naming the wait applied")
  void waitRunsOut() throws Exception {
    Registered host = registered("lp-timeout");
    givePlan(host, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.get("/v1/plan",
        GatewayFixture.bearer(host.credential())).statusCode() == 200);

    long start = System.nanoTime();
    HttpResponse<String> response = poll(host, "\"1\"", 1, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  @DisplayName("When an agent that has the current plan asks without Prefer, then it gets 304 at once, as before")
  void noWaitWithoutPrefer() {
    Registered host = registered("lp-none");
    givePlan(host, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.get("/v1/plan",
        GatewayFixture.bearer(host.credential())).statusCode() == 200);

    HttpResponse<String> response = fixture.get("/v1/plan", Map.of("Authorization", "Bearer " + host.credential(),
        "If-None-Match", "\"1\""));

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.headers().firstValue("Preference-Applied")).isEmpty();
  }

  @Test
  @DisplayName("When If-None-Match names the plan's tag weakly, in a list or as *, then 304 with the tag; another "
      + "tag, then the plan")
  void everyFormOfIfNoneMatch() {
    Registered host = registered("lp-tags");
    givePlan(host, 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.get("/v1/plan",
        GatewayFixture.bearer(host.credential())).statusCode() == 200);

    for (String matching : List.of("W/\"1\"", "\"0\", \"1\"", "*")) {
      HttpResponse<String> response = fixture.get("/v1/plan", Map.of("Authorization", "Bearer " + host.credential(),
          "If-None-Match", matching));
      assertThat(response.statusCode()).as(matching).isEqualTo(304);
      assertThat(response.headers().firstValue("ETag")).as(matching).contains("\"1\"");
    }
    HttpResponse<String> stale = fixture.get("/v1/plan", Map.of("Authorization", "Bearer " + host.credential(),
        "If-None-Match", "\"0\""));
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.headers().firstValue("ETag")).contains("\"1\"");
  }

  @Test
  @DisplayName("When the agent goes away during a long poll, then the gateway lets go of the request")
  void clientGoesAway() throws Exception {
    Registered host = registered("lp-away");
    int before = fixture.gateway().parkedPlanRequests();

    CompletableFuture<HttpResponse<String>> answer = poll(host, null, 30, Duration.ofMillis(700));
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.gateway().parkedPlanRequests() == before + 1);

    try {
      answer.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.gateway().parkedPlanRequests() == before);
  }

  @Test
  @DisplayName("When a long poll carries a forged credential, then it is refused at once with 401, never held")
  void forgedCredentialIsNotHeld() throws Exception {
    Registered host = registered("lp-forged");
    Registered forged = new Registered(201, host.namespace(), host.host(), host.credential() + "x");

    HttpResponse<String> response = poll(forged, null, 30, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(401);
  }
}
