package dev.lifecycle.edge.operator.e2e;

import static dev.lifecycle.edge.operator.e2e.TieredHosts.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rolling upgrades end to end: simulated agents through the gateway over HTTP, a cluster of one
 * control-plane and five worker hosts with {@code maxUnavailable: 2}, and a watch on the hosts that
 * records what the rollout really did. Hosts are pre-provisioned as {@code <namespace>-0} .. {@code -5}; host 0
 * is the control plane, the workers move in name order.
 */
class RollingUpgradeE2E {

  private static final String CLUSTER = "store";
  private static final Duration APPLY = Duration.ofMillis(300);

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When the profile moves to 1.1.0, then the control plane goes first and alone, workers follow two "
      + "at a time, never more than two hosts are out of service, and every host is moved exactly once")
  void rollsOutWithinTheBound() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("roll");
    try (FleetSimulator fleet = formedCluster(client, namespace, strategy -> { }, builder -> { });
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      Map<String, Long> formationGenerations = planGenerations(client, namespace);
      recorder.startRecording();

      retarget(client, namespace, "edge-1.1.0");

      EdgeCluster done = awaitUpgrade(client, namespace, UpgradeStatus.Phase.Complete);
      assertThat(done.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(done.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      UpgradeStatus upgrade = done.getStatus().getUpgrade();
      assertThat(upgrade.getFrom()).isEqualTo("1.0.0");
      assertThat(upgrade.getUpdated()).isEqualTo(6);
      assertThat(upgrade.getTotal()).isEqualTo(6);
      assertThat(upgrade.getHostAction()).isEqualTo(LayerChange.HostAction.RestartServices);
      assertThat(upgrade.getLayers()).singleElement().satisfies(layer -> {
        assertThat(layer.getName()).isEqualTo("k3s");
        assertThat(layer.getFromVersion()).isEqualTo("1.30.4");
        assertThat(layer.getToVersion()).isEqualTo("1.31.1");
      });

      List<RolloutRecorder.Move> moves = recorder.moves();
      assertMovedInBatches(moves, List.of(h(namespace, 0)), List.of(h(namespace, 1), h(namespace, 2)),
          List.of(h(namespace, 3), h(namespace, 4)), List.of(h(namespace, 5)));
      assertThat(moves.get(0).role()).isEqualTo(HostRole.CONTROL_PLANE);
      assertThat(moves.subList(1, 6)).allSatisfy(move ->
          assertThat(move.controlPlaneHealthyOnVersion()).as("control plane healthy on 1.1.0 before " + move.host())
              .isTrue());
      assertThat(recorder.maxOutOfService()).as("hosts out of service at once").isEqualTo(2);
      assertThat(planGenerations(client, namespace)).allSatisfy((host, generation) ->
          assertThat(generation).as("plan generation of " + host).isEqualTo(formationGenerations.get(host) + 1));
      assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
          .allSatisfy(h -> assertThat(h.getStatus().getProfileVersion()).isEqualTo("1.1.0"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reasons(client, namespace))
          .contains("UpgradeStarted", "BatchUpgraded", "UpgradeComplete"));
      // Each batch is told with the Event of what came before it (the start, the batch before): one Event a batch.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(rolloutNotices(client, namespace))
          .as("the cluster's rollout Events, in the order they were written, each batch's naming all its hosts")
          .containsExactly("UpgradeStarted first batch: host " + h(namespace, 0) + " (control-plane): 1.0.0 -> 1.1.0",
              "BatchUpgraded batch 1: " + h(namespace, 0) + " healthy on 1.1.0; 1/6 host(s) on 1.1.0; next batch: "
                  + "2 hosts -> 1.1.0",
              "BatchUpgraded batch 2: " + h(namespace, 1) + ", " + h(namespace, 2)
                  + " healthy on 1.1.0; 3/6 host(s) on 1.1.0; next batch: 2 hosts -> 1.1.0",
              "BatchUpgraded batch 3: " + h(namespace, 3) + ", " + h(namespace, 4)
                  + " healthy on 1.1.0; 5/6 host(s) on 1.1.0; next batch: host " + h(namespace, 5)
                  + " (worker): 1.0.0 -> 1.1.0",
              "BatchUpgraded batch 4: " + h(namespace, 5) + " healthy on 1.1.0; 6/6 host(s) on 1.1.0",
              "UpgradeComplete"));
      assertThat(reasons(client, namespace)).as("every batch told with the Event before it").doesNotContain(
          "HostUpgrading");
      assertThat(fleet.counters().failed()).isZero();
    }
  }

  @Test
  @DisplayName("When a worker fails on the new version with onFailure Pause, then the rollout stops, Stalled names "
      + "the host and what it reported, and no further host moves")
  void failureWithPauseStops() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("pause");
    try (FleetSimulator fleet = formedCluster(client, namespace, strategy -> { },
        builder -> builder.failVersion("1.1.0").failHost(4));
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      recorder.startRecording();
      retarget(client, namespace, "edge-1.1.0");

      EdgeCluster stalled = awaitUpgrade(client, namespace, UpgradeStatus.Phase.Stalled);
      UpgradeStatus upgrade = stalled.getStatus().getUpgrade();
      assertThat(upgrade.getFailedHost()).isEqualTo(h(namespace, 4));
      assertThat(upgrade.getFailure()).contains(h(namespace, 4) + " reported failure on 1.1.0",
          "simulated failure: host 4 is set to fail on profile version 1.1.0");
      Condition stalledCondition = stalled.getStatus().condition("Stalled").orElseThrow();
      assertThat(stalledCondition.getStatus().name()).isEqualTo("True");
      assertThat(stalledCondition.getReason()).isEqualTo("HostFailed");
      assertThat(stalledCondition.getMessage()).contains(h(namespace, 4));
      assertThat(stalled.getStatus().getProfileVersion()).isEqualTo("1.0.0");

      Thread.sleep(APPLY.multipliedBy(4).toMillis());
      assertMovedInBatches(recorder.moves(), List.of(h(namespace, 0)), List.of(h(namespace, 1), h(namespace, 2)),
          List.of(h(namespace, 3), h(namespace, 4)));
      assertThat(host(client, namespace, h(namespace, 5)).getStatus().getPlan().getProfileVersion()).isEqualTo("1.0.0");
      assertThat(recorder.maxOutOfService()).isLessThanOrEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reasons(client, namespace))
          .contains("UpgradeStalled"));
    }
  }

  @Test
  @DisplayName("When a worker fails on the new version with onFailure Rollback, then the moved hosts return to "
      + "1.0.0 newest first, within the bound, and the cluster is Stalled with reason RolledBack")
  void failureWithRollbackReturns() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("rollback");
    try (FleetSimulator fleet = formedCluster(client, namespace,
        strategy -> strategy.setOnFailure(UpgradeStrategy.FailurePolicy.Rollback),
        builder -> builder.failVersion("1.1.0").failHost(4));
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      Map<String, Long> formationGenerations = planGenerations(client, namespace);
      recorder.startRecording();
      retarget(client, namespace, "edge-1.1.0");

      EdgeCluster rolledBack = awaitUpgrade(client, namespace, UpgradeStatus.Phase.RolledBack);
      assertThat(rolledBack.getStatus().getProfileVersion()).isEqualTo("1.0.0");
      assertThat(rolledBack.getStatus().getUpgrade().getFailedHost()).isEqualTo(h(namespace, 4));
      Condition stalled = rolledBack.getStatus().condition("Stalled").orElseThrow();
      assertThat(stalled.getStatus().name()).isEqualTo("True");
      assertThat(stalled.getReason()).isEqualTo("RolledBack");

      List<RolloutRecorder.Move> back = recorder.moves().stream().filter(m -> m.version().equals("1.0.0")).toList();
      assertMovedInBatches(back, List.of(h(namespace, 4), h(namespace, 3)), List.of(h(namespace, 2), h(namespace, 1)),
          List.of(h(namespace, 0)));
      assertThat(recorder.maxOutOfService()).isLessThanOrEqualTo(2);
      assertThat(host(client, namespace, h(namespace, 5)).getStatus().getPlan().getGeneration())
          .as("a host the rollout never reached is not touched").isEqualTo(formationGenerations.get(h(namespace, 5)));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
              .allSatisfy(h -> assertThat(h.getStatus().getProfileVersion()).isEqualTo("1.0.0")));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reasons(client, namespace))
          .contains("RollingBack", "RolledBack"));
      ClusterProfile source = client.resources(ClusterProfile.class).inNamespace(namespace).withName("edge-1.0.0")
          .get();
      assertThat(source.getStatus().getUsedBy()).as("the profile the hosts run again").contains(CLUSTER);
    }
  }

  @Test
  @DisplayName("When the operator stops in the middle of a rollout and starts again, then it finishes without "
      + "moving any host twice or exceeding the bound")
  void resumesAfterRestart() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("restart");
    try (FleetSimulator fleet = formedCluster(client, namespace, strategy -> { }, builder -> { });
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      Map<String, Long> formationGenerations = planGenerations(client, namespace);
      recorder.startRecording();
      retarget(client, namespace, "edge-1.1.0");

      await().atMost(Duration.ofSeconds(20)).until(() -> recorder.moves().size() >= 3);
      harness.stopOperator();
      int movedWhileRunning = recorder.moves().size();
      Thread.sleep(APPLY.multipliedBy(3).toMillis());
      assertThat(recorder.moves()).as("nothing moves while the operator is down").hasSize(movedWhileRunning);
      harness.startOperatorWithAllReconcilers();

      EdgeCluster done = awaitUpgrade(client, namespace, UpgradeStatus.Phase.Complete);
      assertThat(done.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(recorder.moves()).extracting(RolloutRecorder.Move::host).doesNotHaveDuplicates().hasSize(6);
      assertThat(planGenerations(client, namespace)).allSatisfy((host, generation) ->
          assertThat(generation).as("plan generation of " + host).isEqualTo(formationGenerations.get(host) + 1));
      assertThat(recorder.maxOutOfService()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  @DisplayName("When spec.paused is set during a rollout, then no new batch starts until it is cleared, and the "
      + "rollout then goes on where it stopped")
  void pauseAndResume() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("paused");
    try (FleetSimulator fleet = formedCluster(client, namespace, strategy -> { }, builder -> { });
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      recorder.startRecording();
      retarget(client, namespace, "edge-1.1.0");
      await().atMost(Duration.ofSeconds(20)).until(() -> recorder.moves().size() >= 2);
      setPaused(client, namespace, true);

      EdgeCluster paused = awaitUpgrade(client, namespace, UpgradeStatus.Phase.Paused);
      Condition ready = paused.getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getReason()).isEqualTo("UpgradePaused");
      int movedAtPause = recorder.moves().size();
      assertThat(movedAtPause).isLessThan(6);
      Thread.sleep(APPLY.multipliedBy(5).toMillis());
      assertThat(recorder.moves()).as("no batch starts while paused").hasSize(movedAtPause);
      assertThat(client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get().getStatus()
          .getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Paused);

      setPaused(client, namespace, false);
      awaitUpgrade(client, namespace, UpgradeStatus.Phase.Complete);
      assertThat(recorder.moves()).extracting(RolloutRecorder.Move::host).doesNotHaveDuplicates().hasSize(6);
      assertThat(recorder.maxOutOfService()).isLessThanOrEqualTo(2);
    }
  }

  /** Profiles 1.0.0 and 1.1.0, a token, six pre-provisioned hosts and their agents, a cluster of 1 + 5 on 1.0.0. */
  private static FleetSimulator formedCluster(KubernetesClient client, String namespace,
      Consumer<UpgradeStrategy> strategy, Consumer<FleetSimulator.Builder> fleetOptions) throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.profile(namespace, "edge-1.1.0", "1.1.0", "1.31.1")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, 6, "worker");
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 5, 2);
    UpgradeStrategy upgradeStrategy = cluster.getSpec().getUpgradeStrategy();
    strategy.accept(upgradeStrategy);
    client.resource(cluster).create();

    FleetSimulator.Builder builder = TieredHosts.fleet(client, namespace, gateway.url(), 6, APPLY);
    fleetOptions.accept(builder);
    FleetSimulator fleet = builder.build();
    fleet.start();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster formed = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
      assertThat(formed.getStatus()).isNotNull();
      assertThat(formed.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(formed.getStatus().getProfileVersion()).isEqualTo("1.0.0");
      assertThat(formed.getStatus().getHosts()).extracting(h -> h.getName())
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2), h(namespace, 3), h(namespace, 4), h(namespace, 5));
      assertThat(formed.getStatus().getHosts().get(0).getRole()).isEqualTo(HostRole.CONTROL_PLANE);
    });
    return fleet;
  }

  /**
   * The hosts moved batch after batch in this order; within a batch in any order, since a batch's
   * plans are written side by side.
   */
  @SafeVarargs
  private static void assertMovedInBatches(List<RolloutRecorder.Move> moves, List<String>... batches) {
    List<String> order = moves.stream().map(RolloutRecorder.Move::host).toList();
    assertThat(order).hasSize(java.util.Arrays.stream(batches).mapToInt(List::size).sum());
    int start = 0;
    for (List<String> batch : batches) {
      assertThat(order.subList(start, start + batch.size())).as("batch " + batch + " of " + order)
          .containsExactlyInAnyOrderElementsOf(batch);
      start += batch.size();
    }
  }

  private static void retarget(KubernetesClient client, String namespace, String profile) {
    Fixtures.repoint(client, namespace, CLUSTER, profile);
  }

  private static void setPaused(KubernetesClient client, String namespace, boolean paused) {
    Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"paused\":" + paused + "}");
  }

  private static EdgeCluster awaitUpgrade(KubernetesClient client, String namespace, UpgradeStatus.Phase phase) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
      assertThat(cluster.getStatus().getUpgrade()).isNotNull();
      assertThat(cluster.getStatus().getUpgrade().getPhase()).isEqualTo(phase);
    });
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getGeneration()));
  }

  private static EdgeHost host(KubernetesClient client, String namespace, String name) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  /** The cluster's rollout Events in the order the API stored them, each batch's with its message. */
  private static List<String> rolloutNotices(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "EdgeCluster".equals(e.getInvolvedObject().getKind()))
        .filter(e -> List.of("UpgradeStarted", "BatchUpgraded", "UpgradeComplete").contains(e.getReason()))
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(e -> switch (e.getReason()) {
          case "BatchUpgraded" -> e.getReason() + " " + untilCost(e.getMessage());
          case "UpgradeStarted" -> e.getReason() + " " + untilCost(e.getMessage().substring(
              e.getMessage().indexOf("first batch: ")));
          default -> e.getReason();
        })
        .toList();
  }

  /** A rollout Event's message up to what each host costs (", reboots"), which this test does not vary. */
  private static String untilCost(String message) {
    int cost = message.indexOf(", ", message.lastIndexOf("1.1.0"));
    return cost < 0 ? message : message.substring(0, cost);
  }

  private static List<String> reasons(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream().map(Event::getReason).toList();
  }
}
