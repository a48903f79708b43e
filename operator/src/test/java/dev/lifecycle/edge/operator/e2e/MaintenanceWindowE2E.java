package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import dev.lifecycle.edge.operator.support.ShiftableClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Maintenance windows end to end: simulated agents through the gateway, a cluster of one control-plane and two
 * worker hosts, and an operator whose clock the test moves forward.
 */
class MaintenanceWindowE2E {

  private static final String CLUSTER = "store";
  // Starts at the real time: API server timestamps (a token's ttl counts from its creation) stay consistent with it.
  private static final ShiftableClock CLOCK = ShiftableClock.startingAt(Instant.now());

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers(CLOCK);
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When the profile changes before the window, then no host moves, Ready says the rollout waits for "
      + "the window and when it opens; when the clock enters the window the operator wakes by itself and the "
      + "rollout runs")
  void waitsThenRunsInTheWindow() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("window");
    try (FleetSimulator fleet = formedCluster(client, namespace,
        closedWindow())) {
      // The window opens at the first whole minute at least 14 s after formation; the clock moves to 12 s before
      // it, so the test waits seconds, not minutes, and the jump stays well inside the hosts' staleness limit.
      Instant opens = CLOCK.instant().plusSeconds(14 + 59).truncatedTo(ChronoUnit.MINUTES);
      CLOCK.moveTo(opens.minusSeconds(12));
      Fixtures.patchClusterSpec(client, namespace, CLUSTER, """
          {"profileRef":{"name":"edge-1.1.0"},"upgradeStrategy":{"maintenanceWindows":[
            {"days":["%s"],"start":"%s","duration":"1h","timeZone":"UTC"}]}}""".formatted(day(opens),
          opens.toString().substring(11, 16)));

      EdgeCluster waiting = await().atMost(Duration.ofSeconds(10)).until(() -> cluster(client, namespace),
          c -> c.getStatus().getUpgrade() != null && c.getStatus().getUpgrade().getNextWindow() != null);
      assertThat(waiting.getStatus().getUpgrade().getNextWindow()).isEqualTo(opens.toString());
      Condition ready = waiting.getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getReason()).isEqualTo("WaitingForMaintenanceWindow");
      assertThat(ready.getMessage()).contains("waits for the next maintenance window, which opens at " + opens);
      assertThat(waiting.getStatus().getUpgrade().getUpdated()).isZero();

      EdgeCluster done = awaitPhase(client, namespace, UpgradeStatus.Phase.Complete, Duration.ofSeconds(60));
      assertThat(done.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(done.getStatus().getUpgrade().getNextWindow()).isNull();
      assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
          .allSatisfy(h -> assertThat(Instant.parse(h.getStatus().getPlan().getIssuedAt()))
              .as("plan of " + h.getMetadata().getName() + " issued inside the window").isAfterOrEqualTo(opens));
      assertThat(reasons(client, namespace)).contains("WaitingForMaintenanceWindow");
    }
  }

  @Test
  @DisplayName("When the upgrade-now annotation is set outside every window, then the rollout runs at once, the "
      + "value is recorded with an Event, and the next rollout with the same value waits for the window again")
  void upgradeNowRunsOnce() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("now");
    try (FleetSimulator fleet = formedCluster(client, namespace,
        closedWindow())) {
      Fixtures.repoint(client, namespace, CLUSTER, "edge-1.1.0");
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster(client, namespace),
          c -> c.getStatus().getUpgrade() != null && c.getStatus().getUpgrade().getNextWindow() != null);

      client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER)
          .edit(c -> {
            c.getMetadata().setAnnotations(Map.of(UpgradeNowRecord.ANNOTATION, "change-1234"));
            return c;
          });

      EdgeCluster done = awaitPhase(client, namespace, UpgradeStatus.Phase.Complete, Duration.ofSeconds(30));
      UpgradeNowRecord taken = done.getStatus().getUpgrade().getUpgradeNow();
      assertThat(taken.getValue()).isEqualTo("change-1234");
      assertThat(taken.getRollout()).isEqualTo(done.getStatus().getUpgrade().getId());
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events(client, namespace))
          .anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("UpgradeNowAccepted");
            assertThat(e.getMessage()).contains("change-1234", "1.0.0 -> 1.1.0");
          }));

      Fixtures.repoint(client, namespace, CLUSTER, "edge-1.0.0");
      EdgeCluster again = await().atMost(Duration.ofSeconds(10)).until(() -> cluster(client, namespace),
          c -> "1.0.0".equals(c.getStatus().getUpgrade().getTo()) && c.getStatus().getUpgrade().getNextWindow() != null);
      assertThat(again.getStatus().getUpgrade().getUpdated()).as("the same value does not start a second rollout")
          .isZero();
      assertThat(again.getStatus().getUpgrade().getUpgradeNow().getValue()).isEqualTo("change-1234");
      assertThat(again.getStatus().condition("Ready").orElseThrow().getReason())
          .isEqualTo("WaitingForMaintenanceWindow");
    }
  }

  /** Profiles 1.0.0 and 1.1.0, a token, three pre-provisioned hosts and their agents, a cluster of 1 + 2 on 1.0.0. */
  private static FleetSimulator formedCluster(KubernetesClient client, String namespace, MaintenanceWindow window)
      throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.profile(namespace, "edge-1.1.0", "1.1.0", "1.31.1")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, 3, "worker");
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 2, 1);
    UpgradeStrategy strategy = cluster.getSpec().getUpgradeStrategy();
    strategy.setMaintenanceWindows(List.of(window));
    client.resource(cluster).create();

    FleetSimulator fleet = TieredHosts.fleet(client, namespace, gateway.url(), 3, Duration.ofMillis(200)).build();
    fleet.start();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster formed = cluster(client, namespace);
      assertThat(formed.getStatus()).isNotNull();
      assertThat(formed.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(formed.getStatus().getProfileVersion()).isEqualTo("1.0.0");
    });
    return fleet;
  }

  /** A window three days away: closed throughout a test. */
  private static MaintenanceWindow closedWindow() {
    return new MaintenanceWindow(List.of(day(CLOCK.instant().plus(Duration.ofDays(3)))), "03:00", "1h", "UTC");
  }

  private static String day(Instant instant) {
    return MaintenanceWindow.DAYS.get(instant.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() - 1);
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static EdgeCluster awaitPhase(KubernetesClient client, String namespace, UpgradeStatus.Phase phase,
      Duration within) {
    return await().atMost(within).until(() -> cluster(client, namespace),
        c -> c.getStatus().getUpgrade() != null && c.getStatus().getUpgrade().getPhase() == phase);
  }

  private static List<Event> events(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  private static List<String> reasons(KubernetesClient client, String namespace) {
    return events(client, namespace).stream().map(Event::getReason).toList();
  }
}
