package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.support.Fixtures.cluster;
import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static dev.lifecycle.edge.operator.support.Fixtures.registeredHost;
import static dev.lifecycle.edge.operator.support.Fixtures.selecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.support.ClusterReconcilerFixture;
import dev.lifecycle.edge.operator.support.Fixtures;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Upgrades of a formed cluster by the reconciler alone (agents simulated on the API): a host that
 * never finishes, an upgrade that touches no host, and a downgrade. The rollout through the gateway
 * and real agents is proven in {@code e2e.RollingUpgradeE2E}.
 */
class EdgeClusterUpgradeIT extends ClusterReconcilerFixture {

  private static final String CLUSTER = "store-0042";

  EdgeClusterUpgradeIT() {
    super("upgrade");
  }

  /** A running cluster of one control-plane and two worker hosts on profile p-1.0.0, one host at a time. */
  private void formedCluster(String hostTimeout) {
    formedCluster(hostTimeout, profile(namespace, "p-1.0.0", "1.0.0", "1.30.4"));
  }

  private void formedCluster(String hostTimeout, ClusterProfile first) {
    client.resource(first).create();
    for (String name : List.of("host-a", "host-b", "host-c")) {
      registeredHost(client, namespace, name, SITE);
    }
    EdgeCluster cluster = selecting(cluster(namespace, CLUSTER, "p-1.0.0", 1, 2), SITE);
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(new IntOrString(1));
    strategy.setHostTimeout(hostTimeout);
    cluster.getSpec().setUpgradeStrategy(strategy);
    client.resource(cluster).create();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(status().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running));
  }

  private void pointAt(String profile) {
    Fixtures.repoint(client, namespace, CLUSTER, profile);
  }

  private EdgeClusterStatus status() {
    EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
    return cluster.getStatus() == null ? new EdgeClusterStatus() : cluster.getStatus();
  }

  private UpgradeStatus.Phase upgradePhase() {
    UpgradeStatus upgrade = status().getUpgrade();
    return upgrade == null ? null : upgrade.getPhase();
  }

  private Condition condition(String type) {
    return status().condition(type).orElseThrow();
  }

  private Map<String, Long> planGenerations() {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getGeneration()));
  }

  private Map<String, String> planVersions() {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getProfileVersion()));
  }

  /** The profile with a metrics add-on of {@code replicas} replicas. */
  private static ClusterProfile withMetrics(ClusterProfile profile, int replicas) {
    ProfileLayer metrics = new ProfileLayer("metrics", LayerType.ADDON, "2.0.0");
    metrics.setChart(new ChartReference("https://prometheus-community.github.io/helm-charts", "metrics-server"));
    metrics.setValues(Map.of("replicas", replicas));
    profile.getSpec().getLayers().add(metrics);
    return profile;
  }

  private List<String> eventReasons() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> CLUSTER.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason).toList();
  }

  @Test
  @DisplayName("When a batch moves, then the status that records it in flight already shows its hosts Upgrading and "
      + "says whom the rollout waits for: one write per batch, and no status that contradicts itself")
  void batchRecordedWithWholeStatus() throws Exception {
    formedCluster("5m");
    client.resource(profile(namespace, "p-1.1.0", "1.1.0", "1.31.1")).create();
    List<EdgeClusterStatus> written = new CopyOnWriteArrayList<>();
    try (Watch watch = client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER)
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, EdgeCluster cluster) {
            written.add(cluster.getStatus());
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        })) {
      pointAt("p-1.1.0");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(written).last()
          .satisfies(s -> assertThat(s.getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete)));
    }

    List<EdgeClusterStatus> batches = written.stream()
        .filter(s -> s.getUpgrade() != null && "1.1.0".equals(s.getUpgrade().getTo())
            && !s.getUpgrade().getInFlight().isEmpty())
        .toList();
    assertThat(batches).extracting(s -> s.getUpgrade().getInFlight()).containsSubsequence(
        List.of("host-a"), List.of("host-b"), List.of("host-c"));
    for (EdgeClusterStatus status : batches) {
      Map<String, EdgeHostStatus.Phase> states = status.getHosts().stream()
          .collect(Collectors.toMap(ClusterHost::getName, ClusterHost::getState));
      assertThat(status.getUpgrade().getInFlight()).allSatisfy(host ->
          assertThat(states.get(host)).as("state of in-flight %s", host).isEqualTo(EdgeHostStatus.Phase.Upgrading));
      assertThat(status.condition(ConditionTypes.READY).orElseThrow().getMessage())
          .contains("waiting for " + String.join(", ", status.getUpgrade().getInFlight()));
    }
    // Three batches of one host: each recorded once, plus the rollout's end.
    assertThat(written.stream().filter(s -> s.getUpgrade() != null && "1.1.0".equals(s.getUpgrade().getTo())))
        .hasSizeLessThanOrEqualTo(4);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(eventReasons()).contains("UpgradeStarted", "UpgradeComplete", "Running"));
  }

  @Test
  @DisplayName("When a moved host never reports within hostTimeout, then the rollout stops with HostTimedOut naming "
      + "it, and no further host is moved")
  void hostTimeout() {
    formedCluster("2s");
    agents.stuckOn("host-b", "1.1.0");
    client.resource(profile(namespace, "p-1.1.0", "1.1.0", "1.31.1")).create();

    pointAt("p-1.1.0");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(upgradePhase()).isEqualTo(UpgradeStatus.Phase.Stalled));
    UpgradeStatus upgrade = status().getUpgrade();
    assertThat(upgrade.getFailedHost()).isEqualTo("host-b");
    assertThat(upgrade.getFailure()).contains("host-b");
    Condition stalled = condition(ConditionTypes.STALLED);
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getReason()).isEqualTo("HostTimedOut");
    assertThat(stalled.getMessage()).contains("host-b");
    assertThat(planVersions()).isEqualTo(Map.of("host-a", "1.1.0", "host-b", "1.1.0", "host-c", "1.0.0"));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eventReasons()).contains("UpgradeStalled"));
  }

  @Test
  @DisplayName("When the next version changes only an add-on's values, then the upgrade completes at once and no "
      + "host gets a new plan")
  void addOnOnlyTouchesNoHost() {
    formedCluster("5m", withMetrics(profile(namespace, "p-1.0.0", "1.0.0", "1.30.4"), 1));
    Map<String, Long> before = planGenerations();
    client.resource(withMetrics(profile(namespace, "p-1.0.1", "1.0.1", "1.30.4"), 3)).create();

    pointAt("p-1.0.1");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(upgradePhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      assertThat(status().getProfileVersion()).isEqualTo("1.0.1");
    });
    UpgradeStatus upgrade = status().getUpgrade();
    assertThat(upgrade.getHostAction()).isEqualTo(LayerChange.HostAction.None);
    assertThat(upgrade.getUpdated()).isEqualTo(3);
    assertThat(planGenerations()).isEqualTo(before);
    assertThat(condition(ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.True);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eventReasons()).contains("UpgradeComplete"));
  }

  @Test
  @DisplayName("When an upgrade after an add-on-only one is rolled back, then the hosts return to the version the "
      + "cluster ran, not to the older plans they kept")
  void rollbackAfterAddOnOnly() {
    formedCluster("5m", withMetrics(profile(namespace, "p-1.0.0", "1.0.0", "1.30.4"), 1));
    client.resource(withMetrics(profile(namespace, "p-1.0.1", "1.0.1", "1.30.4"), 3)).create();
    pointAt("p-1.0.1");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(status().getProfileVersion()).isEqualTo("1.0.1"));
    Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"upgradeStrategy\":{\"onFailure\":\"Rollback\"}}");
    agents.failingOn("host-c", "1.1.0");
    client.resource(withMetrics(profile(namespace, "p-1.1.0", "1.1.0", "1.31.1"), 3)).create();

    pointAt("p-1.1.0");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(upgradePhase()).isEqualTo(UpgradeStatus.Phase.RolledBack));
    UpgradeStatus upgrade = status().getUpgrade();
    assertThat(upgrade.getFrom()).isEqualTo("1.0.1");
    assertThat(upgrade.getFromProfile()).isEqualTo("p-1.0.1");
    assertThat(upgrade.getFailedHost()).isEqualTo("host-c");
    assertThat(planVersions()).isEqualTo(Map.of("host-a", "1.0.1", "host-b", "1.0.1", "host-c", "1.0.1"));
    assertThat(status().getProfileVersion()).isEqualTo("1.0.1");
    assertThat(condition(ConditionTypes.STALLED).getReason()).isEqualTo("RolledBack");
  }

  @Test
  @DisplayName("When a cluster is pointed back at the version it came from, then the downgrade is a rollout like "
      + "any other, and the layer impact names the versions the other way round")
  void downgrade() {
    formedCluster("5m");
    client.resource(profile(namespace, "p-1.1.0", "1.1.0", "1.31.1")).create();
    pointAt("p-1.1.0");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(upgradePhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      assertThat(status().getProfileVersion()).isEqualTo("1.1.0");
    });

    pointAt("p-1.0.0");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(status().getUpgrade().getTo()).isEqualTo("1.0.0");
      assertThat(upgradePhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      assertThat(status().getProfileVersion()).isEqualTo("1.0.0");
    });
    UpgradeStatus downgrade = status().getUpgrade();
    assertThat(downgrade.getFrom()).isEqualTo("1.1.0");
    assertThat(downgrade.getFromProfile()).isEqualTo("p-1.1.0");
    assertThat(downgrade.getLayers()).singleElement().satisfies(change -> {
      assertThat(change.getFromVersion()).isEqualTo("1.31.1");
      assertThat(change.getToVersion()).isEqualTo("1.30.4");
    });
    assertThat(planVersions()).isEqualTo(Map.of("host-a", "1.0.0", "host-b", "1.0.0", "host-c", "1.0.0"));
    assertThat(planGenerations().values()).allMatch(generation -> generation == 3L);
  }
}
