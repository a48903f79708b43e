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
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host replacement end to end: simulated agents through the gateway, heartbeats every 2 s (a silent host is
 * Unreachable after 6 s; shorter limits let a loaded machine's late heartbeat get a live host replaced), pre-provisioned hosts {@code <namespace>-0} .. {@code -N} (host 0 for the control plane,
 * the others workers), and a watch on the hosts that records what the replacement really did.
 */
class HostReplacementE2E {

  private static final String CLUSTER = "store";
  private static final Duration APPLY = Duration.ofMillis(300);

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers(Duration.ofSeconds(2));
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When a worker's agent is killed, then after unhealthyTimeout a spare is claimed and joins, the dead "
      + "host is released only once the spare runs, never more than one host beyond the counts; when the dead host "
      + "comes back it applies its Reset and is Available")
  void killedWorkerIsReplacedBySpare() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("remedy");
    try (FleetSimulator fleet = cluster(client, namespace, 5)) {
      awaitHosts(client, namespace, h(namespace, 0), h(namespace, 1), h(namespace, 2));
      enableRemediation(client, namespace);
      try (RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
        recorder.startRecording();
        fleet.kill(2);

        EdgeCluster healed = awaitHosts(client, namespace, h(namespace, 0), h(namespace, 1), h(namespace, 3));
        assertThat(healed.getStatus().getReplacements()).singleElement().satisfies(r -> {
          assertThat(r.getHost()).isEqualTo(h(namespace, 2));
          assertThat(r.getReplacement()).isEqualTo(h(namespace, 3));
          assertThat(r.getReason()).isEqualTo(HostReplacement.Reason.Unhealthy);
          assertThat(r.getFinishedAt()).isNotNull();
        });
        EdgeHost dead = host(client, namespace, 2);
        assertThat(dead.getStatus().getCluster()).as("the dead host left the cluster").isNull();
        assertThat(dead.getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Reset);
        assertThat(dead.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Unreachable);

        assertThat(recorder.joins()).extracting(RolloutRecorder.Joined::host).containsExactly(h(namespace, 3));
        assertThat(recorder.released()).containsExactly(h(namespace, 2));
        assertThat(recorder.healthyAtRelease(h(namespace, 2))).as("the spare ran before the dead host left")
            .contains(h(namespace, 3));
        assertThat(recorder.maxClaimed()).as("hosts claimed at once: 3 wanted, 1 replacement (maxUnavailable 1)")
            .isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reasons(client, namespace))
            .contains("ReplacingHost", "HostReplaced"));

        fleet.revive(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          EdgeHost back = host(client, namespace, 2);
          assertThat(back.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
          assertThat(back.getStatus().getCluster()).isNull();
        });
        assertThat(fleet.lastPlan(2)).hasValueSatisfying(p -> assertThat(p.action()).isEqualTo("Reset"));
        assertThat(cluster(client, namespace).getStatus().getHosts()).extracting(ClusterHost::getName)
            .as("the cluster keeps its spare").containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 3));
      }
    }
  }

  @Test
  @DisplayName("When a running worker is annotated for replacement, then a spare joins first and the worker is "
      + "released, reset and Available, and no cluster claims it while the annotation stays; once removed it is "
      + "claimed by a scale-up")
  void requestedReplacement() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("swap");
    try (FleetSimulator fleet = cluster(client, namespace, 4)) {
      awaitHosts(client, namespace, h(namespace, 0), h(namespace, 1), h(namespace, 2));
      enableRemediation(client, namespace);
      client.resources(EdgeHost.class).inNamespace(namespace).withName(h(namespace, 1))
          .edit(h -> {
            h.getMetadata().getAnnotations().put(Remediation.REPLACE_ANNOTATION, "disk swap, ticket 4711");
            return h;
          });

      awaitHosts(client, namespace, h(namespace, 0), h(namespace, 2), h(namespace, 3));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(host(client, namespace, 1).getStatus()
          .getPhase()).isEqualTo(EdgeHostStatus.Phase.Available));
      assertThat(cluster(client, namespace).getStatus().getReplacements()).singleElement()
          .satisfies(r -> assertThat(r.getReason()).isEqualTo(HostReplacement.Reason.Requested));

      Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"workers\":{\"count\":3}}");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Condition ready = cluster(client, namespace).getStatus().condition("Ready").orElseThrow();
        assertThat(ready.getReason()).isEqualTo("InsufficientHosts");
      });
      assertThat(host(client, namespace, 1).getStatus().getCluster()).as("the annotated host is not claimed").isNull();

      client.resources(EdgeHost.class).inNamespace(namespace).withName(h(namespace, 1))
          .edit(h -> {
            h.getMetadata().getAnnotations().remove(Remediation.REPLACE_ANNOTATION);
            return h;
          });
      awaitHosts(client, namespace, h(namespace, 0), h(namespace, 1), h(namespace, 2), h(namespace, 3));
      assertThat(fleet.counters().failed()).isZero();
    }
  }

  /**
   * {@code hosts} pre-provisioned hosts and their agents, and a cluster of 1 control-plane host and 2 workers with
   * maxUnavailable 1, formed without remediation: on a loaded machine a host slow to report during formation would
   * otherwise be replaced before the test begins, and the cluster would not hold the hosts the test expects.
   */
  private static FleetSimulator cluster(KubernetesClient client, String namespace, int hosts) throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, hosts, "worker");
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 2, 1);
    client.resource(cluster).create();

    FleetSimulator fleet = TieredHosts.fleet(client, namespace, gateway.url(), hosts, APPLY).build();
    fleet.start();
    return fleet;
  }

  /** Turns on remediation after 4 s of a host being unhealthy, once the cluster formed. */
  private static void enableRemediation(KubernetesClient client, String namespace) {
    Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"remediation\":{\"unhealthyTimeout\":\"4s\"}}");
  }

  /** Waits until the cluster runs, Ready, with exactly these hosts, all running. */
  private static EdgeCluster awaitHosts(KubernetesClient client, String namespace, String... hosts) {
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      EdgeCluster cluster = cluster(client, namespace);
      assertThat(cluster.getStatus()).isNotNull();
      assertThat(cluster.getStatus().getHosts()).extracting(ClusterHost::getName).containsExactly(hosts);
      assertThat(cluster.getStatus().getHosts()).extracting(ClusterHost::getState)
          .containsOnly(EdgeHostStatus.Phase.Running);
      assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      Condition ready = cluster.getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getStatus().name()).as(ready.getReason() + ": " + ready.getMessage()).isEqualTo("True");
    });
    return cluster(client, namespace);
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static EdgeHost host(KubernetesClient client, String namespace, int i) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(h(namespace, i)).get();
  }

  private static List<String> reasons(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream().map(Event::getReason).toList();
  }
}
