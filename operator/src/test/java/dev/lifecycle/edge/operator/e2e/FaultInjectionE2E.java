package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.apiserver.FaultCounts;
import dev.lifecycle.edge.apiserver.FaultInjection;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability under a misbehaving API: the samples' cluster, grown to five hosts with
 * {@code maxUnavailable: 2}, forms through the gateway and rolls out to 1.1.0 while the embedded API
 * fails 10% of writes (half 500, half 409), delays responses and drops every watch every 3 seconds.
 * The test's own client (its writes as a user, and the {@link RolloutRecorder} that checks the
 * invariants) is spared, so that it sees every event. The seed is printed, and a run replays with
 * {@code -Dfaults.seed=N}; see docs/reliability.md.
 */
class FaultInjectionE2E {

  private static final String CLUSTER = "store-0042";
  private static final String SPARED = "edge-invariant-checker";
  private static final int HOSTS = 5;
  private static final int MAX_UNAVAILABLE = 2;
  private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(45);

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @AfterEach
  void noMoreFaults() {
    harness.api().injectFaults(FaultInjection.NONE);
  }

  @Test
  @DisplayName("When 10% of writes fail and watches drop every 3 s, then formation and a rollout still converge, "
      + "at most maxUnavailable hosts are out of service, the control plane goes first and alone, every host "
      + "moves once, and no machine has two EdgeHosts")
  void convergesUnderFaults() throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    FaultInjection faults = FaultInjection.failingWrites(0.10, seed).withLatency(Duration.ofMillis(20))
        .withWatchesDroppedEvery(Duration.ofSeconds(3)).sparing(SPARED);
    System.out.println("FaultInjectionE2E: seed " + seed + " (replay with -Dfaults.seed=" + seed + ")");
    String namespace = harness.newNamespace("faults");
    long started = System.nanoTime();
    harness.api().injectFaults(faults);

    try (KubernetesClient client = sparedClient()) {
      Fixtures.applySamples(client, namespace);
      Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"workers\":{\"count\":" + (HOSTS - 1) + "},"
          + "\"upgradeStrategy\":{\"maxUnavailable\":" + MAX_UNAVAILABLE + "}}");
      // An injected 409 on the token's status write sends JOSDK polling its cache for a newer token that never
      // comes (the conflict was not real) for 10 s before it retries: the wait allows for that.
      String token = Fixtures.issuedToken(client, namespace, CLUSTER, CONVERGED_WITHIN);
      try (FleetSimulator fleet = FleetSimulator.builder(URI.create(gateway.url()), token).hosts(HOSTS)
          .machineIdPrefix(CLUSTER).applyTime(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200)).build()) {
        fleet.start();
        awaitCluster(client, namespace, cluster -> cluster.getStatus().getPhase() == EdgeClusterStatus.Phase.Running
            && "1.0.0".equals(cluster.getStatus().getProfileVersion()));
        Duration formed = Duration.ofNanos(System.nanoTime() - started);
        // A fast formation can beat the first drop: the rollout starts on watches that were dropped at least once.
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.api().faultCounts().watchesDropped() > 0);

        try (RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
          Map<String, Long> formationGenerations = planGenerations(client, namespace);
          recorder.startRecording();
          Fixtures.repoint(client, namespace, CLUSTER, "store-edge-1.1.0");

          awaitCluster(client, namespace, cluster -> cluster.getStatus().getUpgrade() != null
              && cluster.getStatus().getUpgrade().getPhase() == UpgradeStatus.Phase.Complete);
          Duration total = Duration.ofNanos(System.nanoTime() - started);
          FaultCounts injected = harness.api().faultCounts();
          System.out.println("FaultInjectionE2E: seed " + seed + "; formed in " + formed.toMillis() + " ms, rolled "
              + "out in " + total.minus(formed).toMillis() + " ms; injected " + injected + "; agents "
              + fleet.counters());

          List<RolloutRecorder.Move> moves = recorder.moves();
          assertThat(moves).extracting(RolloutRecorder.Move::host).as("every host moved exactly once")
              .doesNotHaveDuplicates().hasSize(HOSTS);
          assertThat(moves.get(0).role()).as("the control plane goes first").isEqualTo(HostRole.CONTROL_PLANE);
          assertThat(moves.get(0).outOfServiceBefore()).as("and alone").isZero();
          assertThat(moves.subList(1, HOSTS)).allSatisfy(move -> assertThat(move.controlPlaneHealthyOnVersion())
              .as("control plane healthy on 1.1.0 before " + move.host() + " moves").isTrue());
          assertThat(moves).allSatisfy(move -> assertThat(move.outOfServiceBefore())
              .as("room within maxUnavailable when " + move.host() + " moved").isLessThan(MAX_UNAVAILABLE));
          assertThat(recorder.maxOutOfService()).as("hosts out of service at once")
              .isLessThanOrEqualTo(MAX_UNAVAILABLE);
          assertThat(planGenerations(client, namespace)).allSatisfy((host, generation) ->
              assertThat(generation).as("plan generation of " + host).isEqualTo(formationGenerations.get(host) + 1));
          List<EdgeHost> hosts = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems();
          assertThat(hosts).hasSize(HOSTS).allSatisfy(host -> {
            assertThat(host.getStatus().getProfileVersion()).isEqualTo("1.1.0");
            assertThat(host.getStatus().getCluster().getName()).isEqualTo(CLUSTER);
          });
          assertThat(hosts.stream().collect(Collectors.groupingBy(host -> host.getSpec().getMachineId(),
              Collectors.counting()))).as("EdgeHosts per machine id").allSatisfy((machine, count) ->
              assertThat(count).as(machine).isEqualTo(1));
          assertThat(fleet.counters().failed()).as("plans the agents failed").isZero();
          assertThat(injected.failed500() + injected.failed409()).as("writes failed").isPositive();
          assertThat(injected.watchesDropped()).as("watches dropped").isPositive();
          assertThat(total).isLessThan(CONVERGED_WITHIN.multipliedBy(2));
        }
      }
    }
  }

  /** A client of the API the faults spare: the user's actions and the invariant checker's watch. */
  private static KubernetesClient sparedClient() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(harness.api().url())
        .withNamespace(harness.client().getNamespace()).withHttp2Disable(true).withUserAgent(SPARED).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void awaitCluster(KubernetesClient client, String namespace,
      Predicate<EdgeCluster> reached) {
    await().atMost(CONVERGED_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
      assertThat(cluster != null && cluster.getStatus() != null && reached.test(cluster))
          .as(() -> "cluster status " + (cluster == null ? null : Serialization.asJson(cluster.getStatus()))
              + "; injected " + harness.api().faultCounts()).isTrue();
    });
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(host -> host.getStatus() != null && host.getStatus().getPlan() != null)
        .collect(Collectors.toMap(host -> host.getMetadata().getName(),
            host -> Objects.requireNonNull(host.getStatus().getPlan().getGeneration())));
  }
}
