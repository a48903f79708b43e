package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The replica that judges hosts hears its gateway's requests in memory: with the default write interval (5
 * minutes) and a staleness of 2 s, a host that keeps sending heartbeats (or polling its plan) costs no write and
 * stays reachable, and one that stops turns Unreachable a staleness after the last request heard.
 */
class HeardHeartbeatsIT {

  private static final Duration HEARTBEAT = Duration.ofMillis(500);
  private static final Duration STALENESS = Duration.ofSeconds(2);
  private static final String MARKER = "test.edge.lifecycle.dev/marker";
  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.sharingOperator(
      OperatorSettings.defaults("http://127.0.0.1:9443").withHeartbeat(HEARTBEAT).withStaleness(STALENESS).embedded(),
      config -> config.withFailures(new GatewayConfig.RateLimit(1_000, 100))
          .withHostRequests(new GatewayConfig.RateLimit(1_000, 100)));

  @Test
  @DisplayName("When a host sends heartbeats for three times the staleness limit, then nothing is written and it "
      + "stays Available; when they stop, then it turns Unreachable a staleness after the last one (long before its "
      + "lastSeen would say), and a heartbeat brings it back")
  void heartbeatsHeardInMemoryNeedNoWrite() throws Exception {
    assertThat(GatewayConfig.DEFAULT_HEARTBEAT_WRITE).isGreaterThan(STALENESS.multipliedBy(10));
    String ns = fixture.newNamespace("gw-heard");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered agent = fixture.register(token, "m-heard-a", "heard-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "heard-a").getStatus().getPhase()
        == Phase.Available);
    String registeredLastSeen = fixture.host(ns, "heard-a").getStatus().getLastSeen();

    List<EdgeHost> writes = new CopyOnWriteArrayList<>();
    CountDownLatch markerSeen = new CountDownLatch(1);
    Instant lastHeartbeat;
    try (Watch watch = fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("heard-a")
        .watch(recorder(writes, markerSeen))) {
      Instant end = Instant.now().plus(STALENESS.multipliedBy(3));
      do {
        assertThat(heartbeat(agent.credential()).statusCode()).isEqualTo(204);
        lastHeartbeat = Instant.now();
        Thread.sleep(HEARTBEAT.toMillis() / 2);
      } while (Instant.now().isBefore(end));
      // A write of our own after the heartbeats: the watch delivers in order, so every write before it is seen.
      fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("heard-a").edit(h -> {
        h.getMetadata().setAnnotations(Map.of(MARKER, "after"));
        return h;
      });
      assertThat(markerSeen.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(writes).as("writes of the host while it sent heartbeats").isEmpty();
      assertThat(fixture.host(ns, "heard-a").getStatus().getLastSeen()).isEqualTo(registeredLastSeen);

      await().atMost(STALENESS.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> fixture.host(ns, "heard-a").getStatus().getPhase() == Phase.Unreachable);
      Instant unreachableSeen = Instant.now();
      assertThat(unreachableSeen).isAfter(lastHeartbeat.plus(STALENESS))
          .isBefore(lastHeartbeat.plus(STALENESS).plusSeconds(2));
      assertThat(fixture.host(ns, "heard-a").getStatus().getConditions()).anySatisfy(condition ->
          assertThat(condition.getMessage()).startsWith("nothing heard from the agent for more than 2s"));
    }

    assertThat(heartbeat(agent.credential()).statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.host(ns, "heard-a").getStatus().getPhase()
        == Phase.Available);
  }

  @Test
  @DisplayName("When a host only polls its plan (its heartbeats lost, say) for three times the staleness limit, then "
      + "it is heard all the same: nothing is written and it stays Available")
  void planPollsAreHeard() throws Exception {
    String ns = fixture.newNamespace("gw-polls");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered agent = fixture.register(token, "m-poll-a", "poll-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "poll-a").getStatus().getPhase()
        == Phase.Available);
    List<EdgeHost> writes = new CopyOnWriteArrayList<>();
    CountDownLatch markerSeen = new CountDownLatch(1);
    try (Watch watch = fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("poll-a")
        .watch(recorder(writes, markerSeen))) {
      Instant end = Instant.now().plus(STALENESS.multipliedBy(3));
      do {
        assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(agent.credential())).statusCode()).isEqualTo(204);
        Thread.sleep(HEARTBEAT.toMillis() / 2);
      } while (Instant.now().isBefore(end));
      fixture.client().resources(EdgeHost.class).inNamespace(ns).withName("poll-a").edit(h -> {
        h.getMetadata().setAnnotations(Map.of(MARKER, "after"));
        return h;
      });
      assertThat(markerSeen.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(writes).as("writes of the host while it polled").isEmpty();
      assertThat(fixture.host(ns, "poll-a").getStatus().getPhase()).isEqualTo(Phase.Available);
    }
  }

  private static Watcher<EdgeHost> recorder(List<EdgeHost> writes, CountDownLatch markerSeen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeHost host) {
        if (action != Action.MODIFIED) {
          return;
        }
        boolean marked = host.getMetadata().getAnnotations() != null
            && host.getMetadata().getAnnotations().containsKey(MARKER);
        if (marked) {
          markerSeen.countDown();
        } else if (markerSeen.getCount() > 0) {
          writes.add(host);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // The watch ends with the test.
      }
    };
  }

  private static HttpResponse<String> heartbeat(String credential) {
    return fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(credential));
  }
}
