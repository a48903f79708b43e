package dev.lifecycle.edge.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Lease calls of leader election, granted by {@link ApiAccess}: two replicas run for leader with the
 * lock java-operator-sdk's LeaderElectionManager builds (fabric8's LeaseLock on {@value ApiAccess#LEASE_NAME},
 * same arguments, shorter durations), the first leads and renews, then stops, and the second takes the
 * Lease over. java-operator-sdk's own SelfSubjectRulesReview before it runs for leader is not part of
 * this: the embedded API cannot answer it, and every authenticated user may make it.
 */
class LeaderElectionAccessIT {

  private static final String AGENT = "edge-operator-replica";
  private static final String NAMESPACE = "edge-system";

  @Test
  @DisplayName("When two replicas elect a leader, renew and hand the Lease over, then every Lease call they make "
      + "is granted by ApiAccess in the leader-election namespace, renewals included")
  void leaseCallsAreGranted() {
    RequestRecorder recorder = new RequestRecorder(AGENT);
    ExecutorService executor = Executors.newCachedThreadPool();
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(
            new ConfigBuilder(api.client().getConfiguration()).withUserAgent(AGENT).build()).build()) {
      api.createNamespace(NAMESPACE);
      api.onRequest(recorder);
      AtomicBoolean firstLeads = new AtomicBoolean();
      AtomicBoolean secondLeads = new AtomicBoolean();
      CompletableFuture<?> first = candidate(client, executor, "replica-a", firstLeads).start();
      await().atMost(Duration.ofSeconds(10)).untilTrue(firstLeads);
      CompletableFuture<?> second = candidate(client, executor, "replica-b", secondLeads).start();
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.recorded().stream()
          .filter(r -> r.verb().orElseThrow() == Verb.PATCH).count() >= 3);
      first.cancel(true);
      await().atMost(Duration.ofSeconds(15)).untilTrue(secondLeads);
      second.cancel(true);
      Lease lease = api.client().resources(Lease.class).inNamespace(NAMESPACE).withName(ApiAccess.LEASE_NAME).get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-b");
    } finally {
      executor.shutdownNow();
    }

    List<RequestAttributes> recorded = recorder.recorded();
    // Exactly these three: update, which ApiAccess grants for java-operator-sdk's check only, is never called.
    assertThat(recorded.stream().map(RequestAttributes::describe).distinct())
        .containsExactlyInAnyOrder("create coordination.k8s.io/leases", "get coordination.k8s.io/leases",
            "patch coordination.k8s.io/leases");
    assertThat(recorded).allSatisfy(request -> {
      assertThat(request.namespace()).isEqualTo(NAMESPACE);
      assertThat(ApiAccess.allows(AccessScope.LEADER_ELECTION_NAMESPACE, request.group(), request.resource(),
          request.verb().orElseThrow(), request.name()))
          .as("%s on %s is granted by ApiAccess", request.describe(), request.name()).isTrue();
    });
  }

  private static LeaderElector candidate(KubernetesClient client, ExecutorService executor, String identity,
      AtomicBoolean leading) {
    LeaderCallbacks callbacks = new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), leader -> {
    });
    return new LeaderElectorBuilder(client, executor).withConfig(new LeaderElectionConfig(
        new LeaseLock(NAMESPACE, ApiAccess.LEASE_NAME, identity), Duration.ofSeconds(2), Duration.ofMillis(1500),
        Duration.ofMillis(200), callbacks, false, ApiAccess.LEASE_NAME)).build();
  }
}
