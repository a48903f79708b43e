package dev.lifecycle.edge.operator.e2e;

import static dev.lifecycle.edge.operator.e2e.TieredHosts.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A count change while a rollout is under way, end to end: simulated agents through the gateway over HTTP,
 * pre-provisioned hosts {@code <namespace>-0} .. {@code -4} (host 0 the control plane, 1 and 2 the workers, 3 and
 * 4 spare and Available), a cluster of 1 + 2 on 1.0.0 rolling out to 1.1.0 with {@code maxUnavailable: 1}. One
 * host's agent is held on 1.1.0 ({@link FleetSimulator#hold}), so that while it holds, the rollout provably is
 * under way: what scaling did then is asserted at that moment, not after a sleep.
 */
class ScalingDuringRolloutE2E {

  private static final String CLUSTER = "store";
  private static final Duration APPLY = Duration.ofMillis(300);
  private static final int CONTROL_PLANE = 0;
  private static final int NEWEST_WORKER = 2;

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When workers go 2 -> 4 while the control plane upgrades, then the cluster says the scaling waits for "
      + "the rollout and nothing is claimed; once the rollout is complete the two spare hosts join on 1.1.0")
  void growingWaitsForTheRollout() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("grow-rolling");
    try (FleetSimulator fleet = formedCluster(client, namespace);
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      Map<String, Long> spareGenerations = planGenerations(client, namespace, 3, 4);
      recorder.startRecording();
      fleet.hold(CONTROL_PLANE, "1.1.0");
      Fixtures.repoint(client, namespace, CLUSTER, "edge-1.1.0");
      awaitHeld(client, namespace, fleet, CONTROL_PLANE);

      Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"workers\":{\"count\":4}}");

      Condition ready = awaitWaitsForRollout(client, namespace);
      assertThat(ready.getMessage()).startsWith("scaling to 1 control-plane and 4 worker host(s) (the cluster has 1 "
          + "and 2) waits for the rollout to finish: upgrading 0/3 to 1.1.0");
      // The control plane's agent holds its 1.1.0 plan: the rollout is under way at this moment.
      assertStillUnderWay(client, namespace, fleet, CONTROL_PLANE);
      for (int spare = 3; spare <= 4; spare++) {
        EdgeHost host = host(client, namespace, h(namespace, spare));
        assertThat(host.getStatus().getCluster()).as(h(namespace, spare) + " claimed during the rollout").isNull();
        assertThat(host.getStatus().getPhase()).as(h(namespace, spare)).isEqualTo(EdgeHostStatus.Phase.Available);
      }
      assertThat(planGenerations(client, namespace, 3, 4)).as("the spare hosts' plans").isEqualTo(spareGenerations);
      assertThat(recorder.joins()).as("joins while the rollout is under way").isEmpty();
      assertThat(cluster(client, namespace).getStatus().getHosts()).extracting(ClusterHost::getName)
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));

      fleet.release(CONTROL_PLANE);

      EdgeCluster grown = awaitRunning(client, namespace, 4);
      assertThat(grown.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(grown.getStatus().getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      assertThat(grown.getStatus().getUpgrade().getTotal()).as("the rollout moved the three hosts it began with")
          .isEqualTo(3);
      assertThat(grown.getStatus().getHosts()).extracting(ClusterHost::getName).containsExactly(h(namespace, 0),
          h(namespace, 1), h(namespace, 2), h(namespace, 3), h(namespace, 4));
      assertThat(grown.getStatus().getHosts()).allSatisfy(h -> assertThat(h.getProfileVersion())
          .as(h.getName()).isEqualTo("1.1.0"));
      for (int joined = 3; joined <= 4; joined++) {
        HostPlan plan = host(client, namespace, h(namespace, joined)).getStatus().getPlan();
        assertThat(plan.getAction()).as(h(namespace, joined)).isEqualTo(HostPlan.Action.Join);
        assertThat(plan.getProfileVersion()).as("the version " + h(namespace, joined) + " joined on")
            .isEqualTo("1.1.0");
      }
      assertThat(recorder.joins()).extracting(RolloutRecorder.Joined::host)
          .containsExactlyInAnyOrder(h(namespace, 3), h(namespace, 4));
      assertThat(recorder.moves()).extracting(RolloutRecorder.Move::host).as("hosts the rollout moved")
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));
      assertThat(recorder.moves()).allSatisfy(move -> assertThat(move.outOfServiceBefore())
          .as("hosts out of service when " + move.host() + " moved (maxUnavailable 1)").isZero());
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(clusterNotices(client, namespace))
          .as("the cluster's Events in the order they were written")
          .containsSubsequence("UpgradeStarted", "UpgradeComplete", "HostClaimed"));
      List<String> notices = clusterNotices(client, namespace);
      // One HostClaimed Event per claim round: the two new workers, in one round or two.
      assertThat(client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> "EdgeCluster".equals(e.getInvolvedObject().getKind()) && "HostClaimed".equals(e.getReason()))
          .map(Event::getMessage).toList()).as("HostClaimed Events")
          .anySatisfy(message -> assertThat(message).contains(h(namespace, 3)))
          .anySatisfy(message -> assertThat(message).contains(h(namespace, 4)));
      assertThat(notices.subList(notices.indexOf("UpgradeStarted"), notices.indexOf("UpgradeComplete")))
          .as("Events while the rollout was under way").doesNotContain("HostClaimed");
      assertThat(fleet.counters().failed()).isZero();
    }
  }

  @Test
  @DisplayName("When workers go 2 -> 1 while the newest worker upgrades, then the cluster says the scaling waits "
      + "for the rollout and nothing is released; once the rollout is complete that worker is released, reset and "
      + "Available again, never more than one host out of service")
  void shrinkingWaitsForTheRollout() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("shrink-rolling");
    try (FleetSimulator fleet = formedCluster(client, namespace);
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      recorder.startRecording();
      fleet.hold(NEWEST_WORKER, "1.1.0");
      Fixtures.repoint(client, namespace, CLUSTER, "edge-1.1.0");
      awaitHeld(client, namespace, fleet, NEWEST_WORKER);

      Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"workers\":{\"count\":1}}");

      Condition ready = awaitWaitsForRollout(client, namespace);
      assertThat(ready.getMessage()).startsWith("scaling to 1 control-plane and 1 worker host(s) (the cluster has 1 "
          + "and 2) waits for the rollout to finish: upgrading 2/3 to 1.1.0");
      // The newest worker's agent holds its 1.1.0 plan: the rollout is under way at this moment.
      assertStillUnderWay(client, namespace, fleet, NEWEST_WORKER);
      for (int worker = 1; worker <= 2; worker++) {
        EdgeHost host = host(client, namespace, h(namespace, worker));
        assertThat(host.getStatus().getCluster()).as(h(namespace, worker) + " released during the rollout")
            .isNotNull();
        assertThat(host.getStatus().getCluster().getName()).isEqualTo(CLUSTER);
        assertThat(host.getStatus().getPlan().getAction()).as(h(namespace, worker))
            .isNotEqualTo(HostPlan.Action.Reset);
      }
      assertThat(recorder.released()).as("hosts released while the rollout is under way").isEmpty();
      assertThat(cluster(client, namespace).getStatus().getHosts()).extracting(ClusterHost::getName)
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));

      fleet.release(NEWEST_WORKER);

      EdgeCluster shrunk = awaitRunning(client, namespace, 1);
      assertThat(shrunk.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(shrunk.getStatus().getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      assertThat(shrunk.getStatus().getHosts()).extracting(ClusterHost::getName)
          .as("the oldest worker stays").containsExactly(h(namespace, 0), h(namespace, 1));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        EdgeHost released = host(client, namespace, h(namespace, NEWEST_WORKER));
        assertThat(released.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
        assertThat(released.getStatus().getCluster()).isNull();
        assertThat(released.getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Reset);
        assertThat(released.getStatus().getReport().getPlanGeneration())
            .as("the reset reported applied").isEqualTo(released.getStatus().getPlan().getGeneration());
      });
      assertThat(recorder.released()).containsExactly(h(namespace, NEWEST_WORKER));
      assertThat(recorder.moves()).extracting(RolloutRecorder.Move::host).as("hosts the rollout moved")
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));
      assertThat(recorder.moves()).allSatisfy(move -> assertThat(move.outOfServiceBefore())
          .as("hosts out of service when " + move.host() + " moved (maxUnavailable 1)").isZero());
      assertThat(recorder.maxOutOfServiceOrResetting())
          .as("hosts out of service or resetting at once, by the rollout and the scale-down together").isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(clusterNotices(client, namespace))
          .as("the cluster's Events in the order they were written")
          .containsSubsequence("UpgradeStarted", "UpgradeComplete", "HostReleased", "ScalingDown"));
      List<String> notices = clusterNotices(client, namespace);
      assertThat(notices.subList(notices.indexOf("UpgradeStarted"), notices.indexOf("UpgradeComplete")))
          .as("Events while the rollout was under way").doesNotContain("HostReleased");
      for (int spare = 3; spare <= 4; spare++) {
        assertThat(host(client, namespace, h(namespace, spare)).getStatus().getCluster()).isNull();
      }
      assertThat(fleet.counters().failed()).isZero();
    }
  }

  /**
   * Profiles 1.0.0 and 1.1.0, a token, five pre-provisioned hosts and their agents (3 and 4 spare), and a cluster
   * of 1 + 2 on 1.0.0 with maxUnavailable 1, formed.
   */
  private static FleetSimulator formedCluster(KubernetesClient client, String namespace) throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.profile(namespace, "edge-1.1.0", "1.1.0", "1.31.1")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, 5, "worker");
    FleetSimulator fleet = TieredHosts.fleet(client, namespace, gateway.url(), 5, APPLY).build();
    fleet.start();
    // Every host registered before the cluster exists: it claims by name order, not by who registered first.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (int i = 0; i < 5; i++) {
        EdgeHost host = host(client, namespace, h(namespace, i));
        assertThat(host.getStatus()).as(h(namespace, i)).isNotNull();
        assertThat(host.getStatus().getPhase()).as(h(namespace, i)).isEqualTo(EdgeHostStatus.Phase.Available);
      }
    });
    client.resource(TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 2, 1)).create();
    EdgeCluster formed = awaitRunning(client, namespace, 2);
    assertThat(formed.getStatus().getProfileVersion()).isEqualTo("1.0.0");
    assertThat(formed.getStatus().getHosts()).extracting(ClusterHost::getName)
        .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));
    return fleet;
  }

  /** Waits until the rollout to 1.1.0 is Progressing and host {@code index}'s agent holds its 1.1.0 plan. */
  private static void awaitHeld(KubernetesClient client, String namespace, FleetSimulator fleet, int index) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(fleet.holding(index)).as(h(namespace, index) + " holds its plan").isTrue();
      UpgradeStatus upgrade = cluster(client, namespace).getStatus().getUpgrade();
      assertThat(upgrade).isNotNull();
      assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Progressing);
    });
    assertThat(host(client, namespace, h(namespace, index)).getStatus().getPlan().getProfileVersion())
        .isEqualTo("1.1.0");
  }

  /** The rollout is under way: host {@code index} holds its 1.1.0 plan unreported, and status.upgrade says so. */
  private static void assertStillUnderWay(KubernetesClient client, String namespace, FleetSimulator fleet,
      int index) {
    assertThat(fleet.holding(index)).isTrue();
    EdgeHost held = host(client, namespace, h(namespace, index));
    assertThat(held.getStatus().getReport().getPlanGeneration()).isEqualTo(held.getStatus().getPlan().getGeneration());
    assertThat(held.getStatus().getReport().getState()).as("the held plan's report")
        .isEqualTo(AgentReport.State.Applying);
    EdgeCluster cluster = cluster(client, namespace);
    assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Upgrading);
    assertThat(cluster.getStatus().getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Progressing);
    assertThat(cluster.getStatus().getProfileVersion()).isEqualTo("1.0.0");
  }

  /** Waits until the cluster's Ready condition says a count change waits for the rollout, and returns it. */
  private static Condition awaitWaitsForRollout(KubernetesClient client, String namespace) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Condition ready = cluster(client, namespace).getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getStatus().name()).isEqualTo("False");
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("ScalingWaitsForRollout");
    });
    return cluster(client, namespace).getStatus().condition("Ready").orElseThrow();
  }

  /** Waits until the cluster runs, Ready, with one control-plane host and {@code workers} workers, all running. */
  private static EdgeCluster awaitRunning(KubernetesClient client, String namespace, int workers) {
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      EdgeCluster cluster = cluster(client, namespace);
      assertThat(cluster.getStatus()).isNotNull();
      assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(cluster.getStatus().getControlPlaneReady()).isEqualTo("1/1");
      assertThat(cluster.getStatus().getWorkersReady()).isEqualTo(workers + "/" + workers);
      assertThat(cluster.getStatus().getHosts()).hasSize(1 + workers);
      Condition ready = cluster.getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getStatus().name()).as(ready.getReason() + ": " + ready.getMessage()).isEqualTo("True");
    });
    return cluster(client, namespace);
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static EdgeHost host(KubernetesClient client, String namespace, String name) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace, int... indexes) {
    List<String> names = java.util.Arrays.stream(indexes).mapToObj(i -> h(namespace, i)).toList();
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(h -> names.contains(h.getMetadata().getName()))
        .collect(Collectors.toMap(h -> h.getMetadata().getName(),
            h -> h.getStatus().getPlan() == null ? 0L : h.getStatus().getPlan().getGeneration()));
  }

  /** The reasons of the cluster's Events in the order the API stored them. */
  private static List<String> clusterNotices(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "EdgeCluster".equals(e.getInvolvedObject().getKind()))
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(Event::getReason)
        .toList();
  }
}
