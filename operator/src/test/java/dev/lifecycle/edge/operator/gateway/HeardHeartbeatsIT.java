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
import java.util.function.Supplier;
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
    Registered agent = registered(ns, "heard-a");
    String registeredLastSeen = fixture.host(ns, "heard-a").getStatus().getLastSeen();

    Sent sent = sendForAWhile(ns, "heard-a", () -> heartbeat(agent.credential()), 204);
    Instant lastHeartbeat = sent.last();

    assertThat(sent.writes()).as("writes of the host while it sent heartbeats").isEmpty();
    assertThat(fixture.host(ns, "heard-a").getStatus().getLastSeen()).isEqualTo(registeredLastSeen);
    await().atMost(STALENESS.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> fixture.host(ns, "heard-a").getStatus().getPhase() == Phase.Unreachable);
    Instant unreachableSeen = Instant.now();
    assertThat(unreachableSeen).isAfter(lastHeartbeat.plus(STALENESS))
        .isBefore(lastHeartbeat.plus(STALENESS).plusSeconds(2));
    assertThat(fixture.host(ns, "heard-a").getStatus().getConditions()).anySatisfy(condition ->
        assertThat(condition.getMessage()).startsWith("nothing heard from the agent for more than 2s"));

    assertThat(heartbeat(agent.credential()).statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.host(ns, "heard-a").getStatus().getPhase()
        == Phase.Available);
  }

  @Test
  @DisplayName("When a host only polls its plan (its heartbeats lost, say) for three times the staleness limit, then "
      + "it is heard all the same: nothing is written and it stays Available")
  void planPollsAreHeard() throws Exception {
    String ns = fixture.newNamespace("gw-polls");
    Registered agent = registered(ns, "poll-a");

    Sent sent = sendForAWhile(ns, "poll-a",
        () -> fixture.get("/v1/plan", GatewayFixture.bearer(agent.credential())), 204);

    assertThat(sent.writes()).as("writes of the host while it polled").isEmpty();
    assertThat(fixture.host(ns, "poll-a").getStatus().getPhase()).isEqualTo(Phase.Available);
  }

  private static Registered registered(String ns, String name) {
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered agent = fixture.register(token, "m-" + name, name);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, name).getStatus().getPhase()
        == Phase.Available);
    return agent;
  }

  /** The host's writes while requests were sent, and when the last request was answered. */
  private record Sent(List<EdgeHost> writes, Instant last) {
  }

  /**
   * Sends the request every quarter of a heartbeat interval for three times the staleness limit, each answered
   * {@code status}, and returns the host's writes meanwhile: a write of the test's own after the last request (the
   * watch delivers in order) says when every write before it has been seen.
   */
  private static Sent sendForAWhile(String ns, String name, Supplier<HttpResponse<String>> request, int status)
      throws InterruptedException {
    Instant last;
    List<EdgeHost> writes = new CopyOnWriteArrayList<>();
    CountDownLatch markerSeen = new CountDownLatch(1);
    try (Watch watch = fixture.client().resources(EdgeHost.class).inNamespace(ns).withName(name)
        .watch(recorder(writes, markerSeen))) {
      Instant end = Instant.now().plus(STALENESS.multipliedBy(3));
      do {
        assertThat(request.get().statusCode()).isEqualTo(status);
        last = Instant.now();
        Thread.sleep(HEARTBEAT.toMillis() / 2);
      } while (Instant.now().isBefore(end));
      fixture.client().resources(EdgeHost.class).inNamespace(ns).withName(name).edit(h -> {
        h.getMetadata().setAnnotations(Map.of(MARKER, "after"));
        return h;
      });
      assertThat(markerSeen.await(10, TimeUnit.SECONDS)).isTrue();
    }
    return new Sent(writes, last);
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
