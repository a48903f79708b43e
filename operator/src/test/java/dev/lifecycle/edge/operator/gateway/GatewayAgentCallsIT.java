package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.support.Fixtures;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Plan fetch, reports and heartbeats through real HTTP, with every reconciler running. */
class GatewayAgentCallsIT {

  private static final Duration HEARTBEAT_WRITE = Duration.ofSeconds(1);
  private static final String MARKER = "test.edge.lifecycle.dev/marker";
  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start(config -> config.withHeartbeatWrite(HEARTBEAT_WRITE)
        .withFailures(new GatewayConfig.RateLimit(1_000, 100)));

  @Test
  @DisplayName("When a cluster claims registered hosts, then the plan goes 204 to 200 with an ETag to 304, and "
      + "Applied reports move each EdgeHost to Running and the cluster to Running")
  void plansAndReportsFormACluster() {
    String ns = fixture.newNamespace("gw-form");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "s1")));
    Map<String, Registered> agents = new HashMap<>();
    for (String name : new String[] {"form-a", "form-b"}) {
      Registered registered = fixture.register(token, "m-" + name, name);
      assertThat(registered.status()).isEqualTo(201);
      agents.put(name, registered);
    }
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(agents.get("form-a").credential())).statusCode())
        .isEqualTo(204);
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    fixture.client().resource(Fixtures.selecting(Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 1),
        Map.of("site", "s1"))).create();

    for (String name : new String[] {"form-a", "form-b"}) {
      String credential = agents.get(name).credential();
      AtomicReference<HttpResponse<String>> plan = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        plan.set(fixture.get("/v1/plan", GatewayFixture.bearer(credential)));
        return plan.get().statusCode() == 200;
      });
      String etag = plan.get().headers().firstValue("ETag").orElseThrow();
      JsonNode body = GatewayFixture.parse(plan.get().body());
      long generation = body.path("generation").asLong();
      assertThat(etag).isEqualTo("\"" + generation + "\"");
      assertThat(body.path("cluster").asText()).isEqualTo("store");
      assertThat(body.path("profileVersion").asText()).isEqualTo("1.0.0");
      HttpResponse<String> unchanged = fixture.get("/v1/plan", Map.of("Authorization", "Bearer " + credential,
          "If-None-Match", etag));
      assertThat(unchanged.statusCode()).isEqualTo(304);
      assertThat(unchanged.body()).isEmpty();

      assertThat(report(credential, "{\"planGeneration\":" + generation + ",\"state\":\"Applying\"}").statusCode())
          .isEqualTo(204);
      assertThat(report(credential, "{\"planGeneration\":" + generation + ",\"state\":\"Applied\","
          + "\"profileVersion\":\"1.0.0\",\"message\":\"k3s up\"}").statusCode()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, name).getStatus().getPhase()
          == Phase.Running);
      assertThat(fixture.host(ns, name).getStatus().getProfileVersion()).isEqualTo("1.0.0");
      // The report's own write judged the host: one Running Event, whoever wrote the phase.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runningEvents(ns, name)).isEqualTo(1));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      EdgeCluster cluster = fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName("store").get();
      return cluster.getStatus() != null && cluster.getStatus().getPhase() == EdgeClusterStatus.Phase.Running;
    });
  }

  private static long runningEvents(String namespace, String host) {
    return fixture.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> host.equals(e.getInvolvedObject().getName()) && "Running".equals(e.getReason())).count();
  }

  @Test
  @DisplayName("When an agent reports failure on its plan, then its EdgeHost turns Failed with the agent's message")
  void failedReport() {
    String ns = fixture.newNamespace("gw-fail");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "s2")));
    Registered agent = fixture.register(token, "m-fail-a", "fail-a");
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    fixture.client().resource(Fixtures.selecting(Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 0),
        Map.of("site", "s2"))).create();
    long[] generation = new long[1];
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      HttpResponse<String> plan = fixture.get("/v1/plan", GatewayFixture.bearer(agent.credential()));
      generation[0] = plan.statusCode() == 200 ? GatewayFixture.parse(plan.body()).path("generation").asLong() : 0;
      return plan.statusCode() == 200;
    });

    assertThat(report(agent.credential(), "{\"planGeneration\":" + generation[0] + ",\"state\":\"Failed\","
        + "\"message\":\"install step failed: exit code 3\"}").statusCode()).isEqualTo(204);

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "fail-a").getStatus().getPhase()
        == Phase.Failed);
    assertThat(fixture.host(ns, "fail-a").getStatus().getReport().getMessage())
        .isEqualTo("install step failed: exit code 3");
  }

  @Test
  @DisplayName("When a host sends 20 heartbeats within the write interval, then its EdgeHost is written once, and "
      + "once more after the interval")
  void heartbeatsAreCoalesced() throws Exception {
    String ns = fixture.newNamespace("gw-beat");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered agent = fixture.register(token, "m-beat-a", "beat-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "beat-a").getStatus().getPhase()
        == Phase.Available);
    Thread.sleep(HEARTBEAT_WRITE.toMillis() + 200);
    AtomicInteger modifications = new AtomicInteger();
    CountDownLatch markerSeen = new CountDownLatch(1);
    try (Watch watch = fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("beat-a")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, EdgeHost host) {
            if (action != Action.MODIFIED) {
              return;
            }
            boolean marked = host.getMetadata().getAnnotations() != null
                && host.getMetadata().getAnnotations().containsKey(MARKER);
            if (marked && markerSeen.getCount() > 0) {
              markerSeen.countDown();
            } else {
              modifications.incrementAndGet();
            }
          }

          @Override
          public void onClose(WatcherException cause) {
            // The watch ends with the test.
          }
        })) {
      String before = fixture.host(ns, "beat-a").getStatus().getLastSeen();
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertThat(heartbeat(agent.credential(), i % 2 == 0 ? null : "{}").statusCode()).isEqualTo(204);
      }
      long intervals = Duration.ofNanos(System.nanoTime() - start).toMillis() / HEARTBEAT_WRITE.toMillis();
      // A write of our own after the heartbeats: the watch delivers in order, so every heartbeat write is counted
      // once it arrives.
      fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("beat-a")
          .edit(h -> {
            h.getMetadata().setAnnotations(Map.of(MARKER, "after"));
            return h;
          });
      assertThat(markerSeen.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(modifications.get()).as("host writes for 20 heartbeats sent within %d write interval(s)",
          intervals + 1).isBetween(1, 1 + (int) intervals);
      assertThat(fixture.host(ns, "beat-a").getStatus().getLastSeen()).isNotEqualTo(before);
      int afterCoalescing = modifications.get();

      Thread.sleep(HEARTBEAT_WRITE.toMillis() + 100);
      assertThat(heartbeat(agent.credential(), null).statusCode()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(5)).until(() -> modifications.get() > afterCoalescing);
    }
  }

  private static HttpResponse<String> report(String credential, String body) {
    return fixture.post("/v1/report", body, Map.of("Authorization", "Bearer " + credential,
        "Content-Type", "application/json"));
  }

  private static HttpResponse<String> heartbeat(String credential, String body) {
    return body == null ? fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(credential))
        : fixture.post("/v1/heartbeat", body, Map.of("Authorization", "Bearer " + credential,
            "Content-Type", "application/json"));
  }
}
