package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.exec.ApplyResult;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.AgentPhase;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.MemoryStateStore;
import dev.lifecycle.edge.agent.state.StoredCredential;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.security.Hashes;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An agent whose registration answer is lost after the gateway carried the registration out (the gateway
 * created the EdgeHost with a credential the agent never received) registers again and gets its host.
 */
class LostRegistrationAnswerIT {

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start();

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  @Test
  @DisplayName("When the answer to an agent's registration is lost after the gateway created its EdgeHost, then the "
      + "agent's registration sent again gets the same host with the credential the host holds, the agent runs on "
      + "it and the host is Available; another request with the machine id and the token is still refused")
  void lostAnswerIsAnsweredAgain() {
    String ns = fixture.newNamespace("gw-lost");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    AnswerDroppingHttpClient lossy = new AnswerDroppingHttpClient(
        GatewayClient.httpClient(Optional.empty(), http), "/v1/register", 1);
    MemoryStateStore store = new MemoryStateStore();

    try (AgentLoop agent = agent(lossy, token, store)) {
      agent.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> agent.status().phase() == AgentPhase.CONNECTED);
      assertThat(lossy.sent()).isEqualTo(2);
      assertThat(agent.status().host()).isEqualTo("store-lost-a");
      List<EdgeHost> hosts = fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems();
      assertThat(hosts).extracting(host -> host.getMetadata().getName()).containsExactly("store-lost-a");
      String credential = store.loadCredential().map(StoredCredential::credential).orElseThrow();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        EdgeHost host = fixture.host(ns, "store-lost-a");
        assertThat(host.getStatus().getRegistration().getCredentialHash()).isEqualTo(Hashes.sha256(credential));
        assertThat(host.getStatus().getPhase()).isEqualTo(Phase.Available);
      });
      assertThat(registrations("registered")).isGreaterThanOrEqualTo(1);
      assertThat(registrations("repeated")).isEqualTo(1);

      // The machine id and the token, without the agent's secret: a second machine, or a stolen token.
      HttpResponse<String> impostor = fixture.post("/v1/register", "{\"token\":\"" + token + "\",\"machineId\":"
          + "\"m-lost-0\",\"credentialSecret\":\"" + "A".repeat(43) + "\"}", Map.of("Content-Type", "application/json"));
      GatewayFixture.assertError(impostor, 409, "ReregistrationNotAllowed", "m-lost-0");
      // Still the agent's credential: the refusal changed nothing, and the agent's calls go on.
      assertThat(fixture.host(ns, "store-lost-a").getStatus().getRegistration().getCredentialHash())
          .isEqualTo(Hashes.sha256(credential));
      assertThat(agent.status().phase()).isEqualTo(AgentPhase.CONNECTED);
      assertThat(lossy.sent()).isEqualTo(2);
    }
  }

  private double registrations(String outcome) {
    Counter counter = fixture.meters().find("edge.gateway.registrations").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private AgentLoop agent(AnswerDroppingHttpClient lossy, String token, MemoryStateStore store) {
    HostIdentity identity = new HostIdentity("m-lost-0", "store-lost-a", null, null, Map.of());
    GatewayClient client = new GatewayClient(lossy,
        URI.create(fixture.gateway().url().replace("0.0.0.0", "127.0.0.1")));
    return AgentLoop.builder(client, token, identity)
        .executor((plan, json) -> CompletableFuture.completedFuture(ApplyResult.applied(null)))
        .scheduler(scheduler)
        .store(store)
        .pollInterval(Duration.ofMillis(200))
        .longPoll(Duration.ZERO)
        .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.5))
        .build();
  }
}
