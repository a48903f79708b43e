package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.RolloutBatch;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus.Phase;
import dev.lifecycle.edge.operator.cluster.ClusterNotices.Notice;
import dev.lifecycle.edge.operator.status.Conditions;
import dev.lifecycle.edge.operator.upgrade.HostHealth;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterNoticesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String ID = "1.0.0-to-1.1.0@" + NOW;

  private static UpgradeStatus upgrade(Phase phase, List<String> inFlight) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setId(ID);
    upgrade.setPhase(phase);
    upgrade.setFrom("1.0.0");
    upgrade.setTo("1.1.0");
    upgrade.setInFlight(inFlight);
    upgrade.setUpdated(1);
    upgrade.setTotal(2);
    upgrade.setFailure("w-a reported failure on 1.1.0: disk full");
    upgrade.setHostAction(LayerChange.HostAction.RestartServices);
    upgrade.setLayers(List.of(new LayerChange("k3s", LayerType.KUBERNETES, LayerChange.Change.Changed, "1.30.4",
        "1.31.1", LayerChange.HostAction.RestartServices)));
    return upgrade;
  }

  /** A rollout moving batch {@code number} of {@code hosts}, all of them in flight. */
  private static UpgradeStatus batch(int number, String... hosts) {
    UpgradeStatus upgrade = upgrade(Phase.Progressing, List.of(hosts));
    upgrade.setBatch(new RolloutBatch(number, List.of(hosts)));
    return upgrade;
  }

  private static EdgeClusterStatus status(EdgeClusterStatus.Phase phase, UpgradeStatus upgrade,
      ClusterHost... hosts) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(phase);
    status.setProfileVersion("1.0.0");
    status.setUpgrade(upgrade);
    status.setHosts(List.of(hosts));
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, "Upgrading", "upgrading 1/2", 1L, NOW);
    return status;
  }

  private static ClusterHost host(String name, String version, EdgeHostStatus.Phase state) {
    return new ClusterHost(name, HostRole.WORKER, version, state);
  }

  private static List<String> reasons(List<Notice> notices) {
    return notices.stream().map(Notice::reason).toList();
  }

  @Test
  @DisplayName("When nothing changes, then nothing is announced")
  void nothingNew() {
    EdgeClusterStatus same = status(EdgeClusterStatus.Phase.Upgrading, upgrade(Phase.Progressing, List.of("w-a")),
        host("w-a", "1.0.0", EdgeHostStatus.Phase.Upgrading));

    assertThat(ClusterNotices.between(same, same)).isEmpty();
  }

  @Test
  @DisplayName("When a rollout is recorded for the first time, then it is announced with its impact, which tells the "
      + "phase change too")
  void started() {
    EdgeClusterStatus before = status(EdgeClusterStatus.Phase.Running, null, host("w-a", "1.0.0",
        EdgeHostStatus.Phase.Running));
    EdgeClusterStatus after = status(EdgeClusterStatus.Phase.Upgrading, upgrade(Phase.Progressing, List.of("w-a")),
        host("w-a", "1.0.0", EdgeHostStatus.Phase.Upgrading));

    List<Notice> notices = ClusterNotices.between(before, after);

    assertThat(reasons(notices)).containsExactly("UpgradeStarted");
    assertThat(notices.get(0).message()).isEqualTo("upgrade 1.0.0 -> 1.1.0 of 1 host(s): k3s 1.30.4 -> 1.31.1 "
        + "(RestartServices); each host restarts services, no reboot");
  }

  @Test
  @DisplayName("When the hosts recorded in flight all run the destination healthy, then the batch is announced once")
  void batchUpgraded() {
    EdgeClusterStatus before = status(EdgeClusterStatus.Phase.Upgrading, batch(1, "w-a"),
        host("w-a", "1.0.0", EdgeHostStatus.Phase.Upgrading));
    EdgeClusterStatus after = status(EdgeClusterStatus.Phase.Upgrading, batch(2, "w-b"),
        host("w-a", "1.1.0", EdgeHostStatus.Phase.Running), host("w-b", "1.0.0", EdgeHostStatus.Phase.Upgrading));
    EdgeClusterStatus stillWaiting = status(EdgeClusterStatus.Phase.Upgrading, batch(1, "w-a"),
        host("w-a", "1.1.0", EdgeHostStatus.Phase.Running));

    assertThat(ClusterNotices.between(before, after)).containsExactly(new Notice(false, "BatchUpgraded",
        "batch 1: w-a healthy on 1.1.0; 1/2 host(s) on 1.1.0"));
    assertThat(ClusterNotices.between(before, stillWaiting)).isEmpty();
  }

  @Test
  @DisplayName("When the hosts of a batch of two come up one round apart, then the batch is announced once, when the "
      + "second is up, naming both, also by an operator that restarted in between")
  void batchOfTwoNamesBoth() {
    ClusterHost aMoving = host("w-a", "1.1.0", EdgeHostStatus.Phase.Upgrading);
    ClusterHost aUp = host("w-a", "1.1.0", EdgeHostStatus.Phase.Running);
    ClusterHost bMoving = host("w-b", "1.1.0", EdgeHostStatus.Phase.Upgrading);
    ClusterHost bUp = host("w-b", "1.1.0", EdgeHostStatus.Phase.Running);
    UpgradeStatus bothMoving = batch(2, "w-a", "w-b");
    UpgradeStatus aCameUp = batch(2, "w-a", "w-b");
    aCameUp.setInFlight(List.of("w-b"));
    UpgradeStatus bothUp = batch(2, "w-a", "w-b");
    bothUp.setInFlight(List.of());
    bothUp.setUpdated(3);
    bothUp.setTotal(4);
    EdgeClusterStatus first = status(EdgeClusterStatus.Phase.Upgrading, bothMoving, aMoving, bMoving);
    EdgeClusterStatus second = status(EdgeClusterStatus.Phase.Upgrading, aCameUp, aUp, bMoving);
    EdgeClusterStatus third = status(EdgeClusterStatus.Phase.Upgrading, bothUp, aUp, bUp);
    // What a restarted operator starts from: the status as stored, read back.
    EdgeClusterStatus secondAsStored = Serialization.unmarshal(Serialization.asJson(second), EdgeClusterStatus.class);

    assertThat(ClusterNotices.between(first, second)).as("one host of two is up").isEmpty();
    List<Notice> expected = List.of(new Notice(false, "BatchUpgraded",
        "batch 2: w-a, w-b healthy on 1.1.0; 3/4 host(s) on 1.1.0"));
    assertThat(ClusterNotices.between(second, third)).isEqualTo(expected);
    assertThat(ClusterNotices.between(secondAsStored, third)).isEqualTo(expected);
    assertThat(ClusterNotices.between(third, third)).isEmpty();
  }

  @Test
  @DisplayName("When a rollback's batch comes up, then it is announced as a rollback batch, healthy on the old version")
  void rollbackBatch() {
    UpgradeStatus back = batch(1, "w-b");
    back.setPhase(Phase.RollingBack);
    UpgradeStatus done = batch(1, "w-b");
    done.setPhase(Phase.RollingBack);
    done.setInFlight(List.of());
    done.setUpdated(0);

    assertThat(ClusterNotices.between(status(EdgeClusterStatus.Phase.Upgrading, back, host("w-b", "1.0.0",
        EdgeHostStatus.Phase.Upgrading)), status(EdgeClusterStatus.Phase.Upgrading, done, host("w-b", "1.0.0",
        EdgeHostStatus.Phase.Running)))).containsExactly(new Notice(false, "BatchUpgraded",
        "rollback batch 1: w-b healthy on 1.0.0; 0/2 host(s) on 1.1.0"));
  }

  @Test
  @DisplayName("When the rollout turns around, stalls, completes or is rolled back, then each is announced once")
  void rolloutPhases() {
    EdgeClusterStatus progressing = status(EdgeClusterStatus.Phase.Upgrading, upgrade(Phase.Progressing, List.of()));

    assertThat(ClusterNotices.between(progressing, status(EdgeClusterStatus.Phase.Upgrading,
        upgrade(Phase.RollingBack, List.of())))).containsExactly(new Notice(true, "RollingBack",
        "rolling back to 1.0.0: w-a reported failure on 1.1.0: disk full"));
    EdgeClusterStatus stalled = status(EdgeClusterStatus.Phase.Degraded, upgrade(Phase.Stalled, List.of()));
    assertThat(ClusterNotices.between(progressing, stalled)).containsExactly(
        new Notice(true, "UpgradeStalled", "w-a reported failure on 1.1.0: disk full"),
        new Notice(true, "Degraded", "upgrading 1/2"));
    assertThat(ClusterNotices.between(stalled, stalled)).isEmpty();
    assertThat(reasons(ClusterNotices.between(progressing, status(EdgeClusterStatus.Phase.Running,
        upgrade(Phase.Complete, List.of()))))).as("Running is told by UpgradeComplete").containsExactly("UpgradeComplete");
    assertThat(reasons(ClusterNotices.between(progressing, status(EdgeClusterStatus.Phase.Upgrading,
        upgrade(Phase.RolledBack, List.of()))))).containsExactly("RolledBack");
  }

  @Test
  @DisplayName("When a rollout that touches no host completes as it starts, then both are announced, saying so")
  void touchesNoHost() {
    UpgradeStatus none = upgrade(Phase.Complete, List.of());
    none.setHostAction(LayerChange.HostAction.None);
    none.setLayers(List.of());

    List<Notice> notices = ClusterNotices.between(status(EdgeClusterStatus.Phase.Running, null),
        status(EdgeClusterStatus.Phase.Running, none));

    assertThat(notices).containsExactly(
        new Notice(false, "UpgradeStarted", "upgrade 1.0.0 -> 1.1.0 of 0 host(s): no layer changes; each host has "
            + "nothing to do"),
        new Notice(false, "UpgradeComplete", "cluster runs 1.1.0: no host had anything to do (no layer changes)"));
  }

  @Test
  @DisplayName("When a cluster is first seen, then its phase is announced; Running names the version it runs")
  void firstPhase() {
    EdgeClusterStatus running = status(EdgeClusterStatus.Phase.Running, null);

    assertThat(ClusterNotices.between(null, running)).containsExactly(new Notice(false, "Running",
        "cluster running profile version 1.0.0: upgrading 1/2"));
  }

  @Test
  @DisplayName("A moved host is announced with where it comes from, where it goes and what it costs")
  void hostUpgrading() {
    RolloutHost host = new RolloutHost("w-a", HostRole.WORKER, "1.0.0", HostHealth.HEALTHY, null, Optional.empty());

    assertThat(ClusterNotices.hostUpgrading(host, "1.1.0", upgrade(Phase.Progressing, List.of()), 2))
        .isEqualTo(new Notice(false, "HostUpgrading", "host w-a (worker): 1.0.0 -> 1.1.0, restarts services, no "
            + "reboot (batch of 2)"));
  }

  @Test
  @DisplayName("When a batch's plans are written, then one Event names its hosts, where each comes from and where "
      + "they go; a batch of one reads as that host's")
  void batchUpgrading() {
    RolloutHost a = new RolloutHost("w-a", HostRole.WORKER, "1.0.0", HostHealth.HEALTHY, null, Optional.empty());
    RolloutHost b = new RolloutHost("w-b", HostRole.WORKER, "1.0.0", HostHealth.HEALTHY, null, Optional.empty());
    UpgradeStatus upgrade = upgrade(Phase.Progressing, List.of());

    assertThat(ClusterNotices.hostsUpgrading(List.of(a, b), "1.1.0", upgrade))
        .isEqualTo(new Notice(false, "HostUpgrading", "2 hosts -> 1.1.0, restarts services, no reboot: "
            + "w-a (worker, 1.0.0), w-b (worker, 1.0.0)"));
    assertThat(ClusterNotices.hostsUpgrading(List.of(a), "1.1.0", upgrade))
        .isEqualTo(ClusterNotices.hostUpgrading(a, "1.1.0", upgrade, 1));
  }

  @Test
  @DisplayName("When a round ends a batch or begins the rollout and moves the next batch, then one Event tells both; "
      + "a batch moved in a round that ends nothing gets its own HostUpgrading")
  void batchToldWithWhatEndedBefore() {
    Notice upgrading = new Notice(false, "HostUpgrading", "host w-b (worker): 1.0.0 -> 1.1.0, reboots");
    Notice running = new Notice(false, "Upgrading", "upgrading 1/2");

    assertThat(ClusterNotices.withBatch(List.of(new Notice(false, "BatchUpgraded",
        "batch 1: w-a healthy on 1.1.0; 1/2 host(s) on 1.1.0"), running), upgrading)).containsExactly(
            new Notice(false, "BatchUpgraded", "batch 1: w-a healthy on 1.1.0; 1/2 host(s) on 1.1.0; next batch: "
                + "host w-b (worker): 1.0.0 -> 1.1.0, reboots"), running);
    assertThat(ClusterNotices.withBatch(List.of(new Notice(false, "UpgradeStarted", "upgrade 1.0.0 -> 1.1.0")),
        upgrading)).containsExactly(new Notice(false, "UpgradeStarted",
            "upgrade 1.0.0 -> 1.1.0; first batch: host w-b (worker): 1.0.0 -> 1.1.0, reboots"));
    assertThat(ClusterNotices.withBatch(List.of(running), upgrading)).containsExactly(running, upgrading);
  }

  @Test
  @DisplayName("When a rollout starts waiting for a window, then one WaitingForMaintenanceWindow Event says when it "
      + "opens, and the next round with the same window announces nothing")
  void waitingForWindowOnce() {
    UpgradeStatus before = upgrade(Phase.Progressing, List.of());
    UpgradeStatus waiting = upgrade(Phase.Progressing, List.of());
    waiting.setNextWindow("2026-12-08T21:00:00Z");

    List<Notice> first = ClusterNotices.between(status(EdgeClusterStatus.Phase.Upgrading, before),
        status(EdgeClusterStatus.Phase.Upgrading, waiting));
    List<Notice> again = ClusterNotices.between(status(EdgeClusterStatus.Phase.Upgrading, waiting),
        status(EdgeClusterStatus.Phase.Upgrading, waiting));

    assertThat(first).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo("WaitingForMaintenanceWindow");
      assertThat(n.warning()).isFalse();
      assertThat(n.message()).isEqualTo("upgrade 1.0.0 -> 1.1.0 waits for the next maintenance window, which opens "
          + "at 2026-12-08T21:00:00Z");
    });
    assertThat(again).isEmpty();
  }

  @Test
  @DisplayName("When an upgrade-now value is taken, then one UpgradeNowAccepted Event names it; a rollout that "
      + "carries the same value on announces nothing")
  void upgradeNowAcceptedOnce() {
    UpgradeStatus before = upgrade(Phase.Progressing, List.of());
    UpgradeStatus taken = upgrade(Phase.Progressing, List.of());
    taken.setUpgradeNow(new UpgradeNowRecord("change-1234", ID, NOW.toString()));

    List<Notice> first = ClusterNotices.between(status(EdgeClusterStatus.Phase.Upgrading, before),
        status(EdgeClusterStatus.Phase.Upgrading, taken));
    List<Notice> again = ClusterNotices.between(status(EdgeClusterStatus.Phase.Upgrading, taken),
        status(EdgeClusterStatus.Phase.Upgrading, taken));

    assertThat(reasons(first)).containsExactly("UpgradeNowAccepted");
    assertThat(first.get(0).message()).contains("edge.lifecycle.dev/upgrade-now=change-1234",
        "upgrade 1.0.0 -> 1.1.0 runs now");
    assertThat(again).isEmpty();
  }
}
