package dev.lifecycle.edge.operator.e2e;

import static dev.lifecycle.edge.operator.e2e.TieredHosts.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scaling end to end: simulated agents through the gateway over HTTP, pre-provisioned hosts
 * {@code <namespace>-0} .. {@code -N} (host 0 labelled for the control plane), and a watch on the hosts
 * that records what scaling really did.
 */
class ScalingE2E {

  private static final String CLUSTER = "store";
  private static final Duration APPLY = Duration.ofMillis(300);

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When workers go 2 -> 4 -> 1 with maxUnavailable 2, then the new hosts join without touching running "
      + "ones, and the surplus is released newest first, reset and Available again, never more than 2 out at once")
  void workersUpThenDown() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("scale");
    try (FleetSimulator fleet = cluster(client, namespace, 5, 1, 2, "worker")) {
      awaitCluster(client, namespace, 1, 2);
      Map<String, Long> generations = planGenerations(client, namespace);

      setCounts(client, namespace, "{\"workers\":{\"count\":4}}");
      EdgeCluster grown = awaitCluster(client, namespace, 1, 4);
      assertThat(grown.getStatus().getHosts()).extracting(ClusterHost::getName)
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2), h(namespace, 3), h(namespace, 4));
      assertThat(planGenerations(client, namespace)).as("the running hosts' plans are untouched")
          .containsAllEntriesOf(generations);

      // Which hosts the cluster claimed first depends on the order the simulated hosts registered in: the
      // scale-down's order is read from the claims as they are (newest first, ties by name, the last first).
      List<String> newestFirst = workersNewestFirst(client, namespace);
      String controlPlane = grown.getStatus().getHosts().stream().filter(h -> h.getRole() == HostRole.CONTROL_PLANE)
          .map(ClusterHost::getName).findFirst().orElseThrow();
      try (RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
        recorder.startRecording();
        setCounts(client, namespace, "{\"workers\":{\"count\":1}}");

        EdgeCluster shrunk = awaitCluster(client, namespace, 1, 1);
        assertThat(shrunk.getStatus().getHosts()).extracting(ClusterHost::getName)
            .as("the oldest worker stays").containsExactlyInAnyOrder(controlPlane, newestFirst.get(3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          for (String name : newestFirst.subList(0, 3)) {
            EdgeHost host = client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
            assertThat(host.getStatus().getPhase()).as(host.getMetadata().getName())
                .isEqualTo(EdgeHostStatus.Phase.Available);
            assertThat(host.getStatus().getCluster()).isNull();
          }
        });
        List<String> released = recorder.released();
        assertThat(released).hasSize(3);
        assertThat(released.subList(0, 2)).as("first batch: the two claimed last")
            .containsExactlyInAnyOrderElementsOf(newestFirst.subList(0, 2));
        assertThat(released.get(2)).isEqualTo(newestFirst.get(2));
        assertThat(recorder.maxOutOfServiceOrResetting()).as("hosts out of service or resetting at once")
            .isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reasons(client, namespace))
            .contains("ScalingDown", "HostReleased"));
      }
      assertThat(fleet.counters().failed()).isZero();
    }
  }

  /** The cluster's workers, most recently claimed first, ties by name, the last first (the scale-down's order). */
  private static List<String> workersNewestFirst(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null
            && h.getStatus().getCluster().getRole() == HostRole.WORKER)
        .sorted(Comparator.comparing((EdgeHost h) -> Instant.parse(h.getStatus().getCluster().getClaimedAt()))
            .thenComparing(h -> h.getMetadata().getName()).reversed())
        .map(h -> h.getMetadata().getName())
        .toList();
  }

  @Test
  @DisplayName("When the control plane goes 1 -> 3, then the two new hosts join one at a time, each once the one "
      + "before it is healthy")
  void controlPlaneGrowsOneAtATime() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("cp");
    try (FleetSimulator fleet = cluster(client, namespace, 3, 1, 0, "control-plane")) {
      awaitCluster(client, namespace, 1, 0);
      try (RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
        recorder.startRecording();
        setCounts(client, namespace, "{\"controlPlane\":{\"count\":3}}");

        EdgeCluster grown = awaitCluster(client, namespace, 3, 0);
        assertThat(grown.getStatus().getHosts()).extracting(ClusterHost::getRole).containsOnly(HostRole.CONTROL_PLANE);
        assertThat(recorder.joins()).hasSize(2).allSatisfy(join -> {
          assertThat(join.role()).isEqualTo(HostRole.CONTROL_PLANE);
          assertThat(join.plannedPeersHealthy()).as(join.host() + " joined while every planned peer was healthy")
              .isTrue();
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(phaseEvents(client, namespace))
            .contains("Provisioning"));
      }
    }
  }

  /**
   * {@code hosts} pre-provisioned hosts and their agents, host 0 labelled {@code tier=control-plane}, the others
   * {@code tier=<others>}, and a cluster of {@code controlPlane} + {@code workers} with maxUnavailable 2.
   */
  private static FleetSimulator cluster(KubernetesClient client, String namespace, int hosts, int controlPlane,
      int workers, String others) throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, hosts, others);
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", controlPlane, workers, 2);
    client.resource(cluster).create();

    FleetSimulator fleet = TieredHosts.fleet(client, namespace, gateway.url(), hosts, APPLY).build();
    fleet.start();
    return fleet;
  }

  /** Waits until the cluster runs, Ready, with exactly these counts of hosts, all running. */
  private static EdgeCluster awaitCluster(KubernetesClient client, String namespace, int controlPlane, int workers) {
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
      assertThat(cluster.getStatus()).isNotNull();
      assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(cluster.getStatus().getControlPlaneReady()).isEqualTo(controlPlane + "/" + controlPlane);
      assertThat(cluster.getStatus().getWorkersReady()).isEqualTo(workers + "/" + workers);
      assertThat(cluster.getStatus().getHosts()).hasSize(controlPlane + workers);
      Condition ready = cluster.getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getStatus().name()).as(ready.getReason() + ": " + ready.getMessage()).isEqualTo("True");
    });
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static void setCounts(KubernetesClient client, String namespace, String specJson) {
    Fixtures.patchClusterSpec(client, namespace, CLUSTER, specJson);
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(h -> h.getStatus() != null && h.getStatus().getPlan() != null)
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getGeneration()));
  }

  private static List<String> reasons(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream().map(Event::getReason).toList();
  }

  private static List<String> phaseEvents(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "EdgeCluster".equals(e.getInvolvedObject().getKind())).map(Event::getReason).toList();
  }
}
