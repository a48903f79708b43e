package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.RolloutBatch;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Blocked;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Rolling;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Settled;
import dev.lifecycle.edge.operator.upgrade.RolloutStep.Input;
import dev.lifecycle.edge.operator.upgrade.RolloutStep.Profiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolloutStepTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String FROM = "1.0.0";
  private static final String TO = "1.1.0";
  private static final Profiles BOTH = new Profiles(true, true);
  private static final RolloutStrategy ONE_AT_A_TIME = new RolloutStrategy(null, "5m", null, false);

  private static RolloutHost onFrom(String name, HostRole role) {
    return new RolloutHost(name, role, FROM, HostHealth.HEALTHY, null, Optional.empty());
  }

  private static RolloutHost moved(String name, HostRole role, String version, HostHealth health, int order,
      Instant at) {
    return new RolloutHost(name, role, version, health, health == HostHealth.FAILED ? "disk full" : null,
        Optional.of(new RolloutHost.Move(order, at)));
  }

  private static UpgradeStatus upgrade(Phase phase) {
    return Upgrades.upgrade(phase, FROM, TO, "store-v1", "store-v2", NOW);
  }


  private static RolloutRound round(UpgradeStatus upgrade, List<RolloutHost> hosts, RolloutStrategy strategy,
      Profiles profiles) {
    return RolloutStep.next(new Input(upgrade, FROM, Optional.of(TO), hosts, strategy, profiles, NOW));
  }

  private static RolloutRound round(UpgradeStatus upgrade, List<RolloutHost> hosts) {
    return round(upgrade, hosts, ONE_AT_A_TIME, BOTH);
  }

  @Test
  @DisplayName("When the cluster never upgraded, then the round changes nothing and the hosts decide the conditions")
  void noRollout() {
    RolloutRound round = RolloutStep.next(new Input(null, FROM, Optional.of(FROM), List.of(), ONE_AT_A_TIME, BOTH,
        NOW));

    assertThat(round.upgrade()).isNull();
    assertThat(round.profileVersion()).isEqualTo(FROM);
    assertThat(round.standing()).isInstanceOf(Settled.class);
    assertThat(round.batch()).isEmpty();
    assertThat(round.wakeAfter()).isEmpty();
  }

  @Test
  @DisplayName("When a rollout completed as it began (it touched no host), then the cluster runs its version")
  void completeAsBegun() {
    RolloutRound round = round(upgrade(Phase.Complete), List.of());

    assertThat(round.profileVersion()).isEqualTo(TO);
    assertThat(round.standing()).isInstanceOf(Settled.class);
  }

  @Test
  @DisplayName("When a rollout was rolled back, then it stays Stalled while spec.profileRef names the failed version")
  void rolledBackWhileWanted() {
    RolloutRound wanted = round(upgrade(Phase.RolledBack), List.of());
    RolloutRound elsewhere = RolloutStep.next(new Input(upgrade(Phase.RolledBack), FROM, Optional.of("1.2.0"),
        List.of(), ONE_AT_A_TIME, BOTH, NOW));

    assertThat(wanted.standing()).isEqualTo(new Rolling(null, null));
    assertThat(wanted.profileVersion()).isEqualTo(FROM);
    assertThat(elsewhere.standing()).isInstanceOf(Settled.class);
  }

  @Test
  @DisplayName("When the target profile is gone, then the rollout is blocked and nothing moves")
  void targetProfileGone() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(onFrom("cp-0", HostRole.CONTROL_PLANE)),
        ONE_AT_A_TIME, new Profiles(false, true));

    assertThat(round.standing()).isEqualTo(new Blocked("ProfileNotFound", "the rollout needs ClusterProfile "
        + "store-v2, which does not exist or is invalid; restore it to go on"));
    assertThat(round.batch()).isEmpty();
  }

  @Test
  @DisplayName("When the strategy cannot be read, then the rollout is blocked naming the field")
  void invalidStrategy() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(onFrom("cp-0", HostRole.CONTROL_PLANE)),
        new RolloutStrategy("lots", null, null, false), BOTH);

    assertThat(round.standing()).isInstanceOfSatisfying(Blocked.class, blocked -> {
      assertThat(blocked.reason()).isEqualTo("InvalidSpec");
      assertThat(blocked.message()).startsWith("spec.upgradeStrategy: maxUnavailable 'lots'");
    });
    assertThat(round(upgrade(Phase.Progressing), List.of(), new RolloutStrategy(null, "soon", null, false), BOTH)
        .standing()).isInstanceOf(Blocked.class);
  }

  @Test
  @DisplayName("When a batch moves, then the status records it in flight, says whom it waits for, and wakes at its "
      + "timeout")
  void move() {
    UpgradeStatus recorded = upgrade(Phase.Progressing);
    RolloutRound round = round(recorded, List.of(onFrom("w-a", HostRole.WORKER), onFrom("cp-0",
        HostRole.CONTROL_PLANE)));

    assertThat(round.batch()).hasValueSatisfying(batch -> {
      assertThat(batch.version()).isEqualTo(TO);
      assertThat(batch.hosts()).extracting(RolloutHost::name, RolloutHost::planVersion)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("cp-0", FROM));
    });
    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.Progressing);
    assertThat(round.upgrade().getInFlight()).containsExactly("cp-0");
    assertThat(round.upgrade().getBatch()).usingRecursiveComparison().isEqualTo(new RolloutBatch(1, List.of("cp-0")));
    assertThat(round.upgrade().getUpdated()).isZero();
    assertThat(round.upgrade().getTotal()).isEqualTo(2);
    assertThat(round.standing()).isEqualTo(new Rolling(null, "waiting for cp-0 to report healthy on " + TO));
    assertThat(round.wakeAfter()).contains(Duration.ofMinutes(5).plusMillis(50));
    assertThat(recorded.getInFlight()).as("the input is left as it was").isEmpty();
  }

  @Test
  @DisplayName("When spec.paused is set, then the rollout waits, Paused")
  void paused() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(onFrom("cp-0", HostRole.CONTROL_PLANE)),
        new RolloutStrategy(null, null, null, true), BOTH);

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.Paused);
    assertThat(round.batch()).isEmpty();
    assertThat(round.standing()).isInstanceOfSatisfying(Rolling.class, r ->
        assertThat(r.detail()).startsWith("paused"));
  }

  @Test
  @DisplayName("When a moved host fails under Pause, then the rollout stalls with what the host reported")
  void stall() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(
        moved("cp-0", HostRole.CONTROL_PLANE, TO, HostHealth.FAILED, 0, NOW.minusSeconds(30)),
        onFrom("w-a", HostRole.WORKER)));

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.Stalled);
    assertThat(round.upgrade().getFailedHost()).isEqualTo("cp-0");
    assertThat(round.upgrade().getFailure()).isEqualTo("cp-0 reported failure on 1.1.0: disk full");
    assertThat(round.standing()).isEqualTo(new Rolling("HostFailed", null));
    assertThat(round.batch()).isEmpty();
  }

  @Test
  @DisplayName("When a moved host stays silent past hostTimeout, then the failure names the timeout as written")
  void timeout() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(
        moved("cp-0", HostRole.CONTROL_PLANE, TO, HostHealth.APPLYING, 0, NOW.minus(Duration.ofMinutes(6)))));

    assertThat(round.upgrade().getFailure()).isEqualTo("cp-0 did not report healthy on 1.1.0 within 5m");
    assertThat(round.standing()).isEqualTo(new Rolling("HostTimedOut", null));
  }

  @Test
  @DisplayName("When a host fails under Rollback, then the same round turns around and moves it back")
  void startRollback() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(
            moved("cp-0", HostRole.CONTROL_PLANE, TO, HostHealth.HEALTHY, 0, NOW.minusSeconds(90)),
            moved("w-a", HostRole.WORKER, TO, HostHealth.FAILED, 1, NOW.minusSeconds(30)),
            onFrom("w-b", HostRole.WORKER)),
        new RolloutStrategy("1", "5m", FailurePolicy.Rollback, false), BOTH);

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.RollingBack);
    assertThat(round.upgrade().getFailedHost()).isEqualTo("w-a");
    assertThat(round.upgrade().getFailure()).isEqualTo("w-a reported failure on 1.1.0: disk full");
    assertThat(round.batch()).hasValueSatisfying(batch -> {
      assertThat(batch.version()).isEqualTo(FROM);
      assertThat(batch.hosts()).extracting(RolloutHost::name).containsExactly("w-a");
    });
    assertThat(round.upgrade().getInFlight()).containsExactly("w-a");
    assertThat(round.upgrade().getBatch()).as("a rollback counts its batches from 1")
        .usingRecursiveComparison().isEqualTo(new RolloutBatch(1, List.of("w-a")));
    assertThat(round.upgrade().getUpdated()).isEqualTo(1);
  }

  @Test
  @DisplayName("When a batch of two moves after the first, then the status records it as batch 2 with both hosts, "
      + "and keeps both while in flight shrinks to the host not yet up")
  void batchRecorded() {
    RolloutStrategy twoAtATime = new RolloutStrategy("2", "5m", null, false);
    UpgradeStatus afterFirst = upgrade(Phase.Progressing);
    afterFirst.setBatch(new RolloutBatch(1, List.of("cp-0")));
    RolloutHost cp = moved("cp-0", HostRole.CONTROL_PLANE, TO, HostHealth.HEALTHY, 0, NOW.minusSeconds(90));

    RolloutRound second = round(afterFirst, List.of(cp, onFrom("w-a", HostRole.WORKER), onFrom("w-b",
        HostRole.WORKER), onFrom("w-c", HostRole.WORKER)), twoAtATime, BOTH);
    RolloutRound oneUp = round(second.upgrade(), List.of(cp,
        moved("w-a", HostRole.WORKER, TO, HostHealth.HEALTHY, 1, NOW.minusSeconds(10)),
        moved("w-b", HostRole.WORKER, TO, HostHealth.APPLYING, 2, NOW.minusSeconds(10)),
        onFrom("w-c", HostRole.WORKER)), twoAtATime, BOTH);

    assertThat(second.upgrade().getBatch()).usingRecursiveComparison()
        .isEqualTo(new RolloutBatch(2, List.of("w-a", "w-b")));
    assertThat(oneUp.batch()).isEmpty();
    assertThat(oneUp.upgrade().getInFlight()).containsExactly("w-b");
    assertThat(oneUp.upgrade().getBatch()).usingRecursiveComparison()
        .isEqualTo(new RolloutBatch(2, List.of("w-a", "w-b")));
  }

  @Test
  @DisplayName("When the rollback's profile is gone, then the rollout turns around but moves nothing")
  void rollbackProfileGone() {
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(
            moved("w-a", HostRole.WORKER, TO, HostHealth.FAILED, 0, NOW.minusSeconds(30))),
        new RolloutStrategy(null, null, FailurePolicy.Rollback, false), new Profiles(true, false));

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.RollingBack);
    assertThat(round.standing()).isEqualTo(new Blocked("ProfileNotFound", "rolling back needs ClusterProfile "
        + "store-v1, which does not exist or is invalid; restore it to go on"));
    assertThat(round.batch()).isEmpty();
  }

  @Test
  @DisplayName("When every host runs the target healthy, then the rollout completes and the cluster runs it")
  void complete() {
    UpgradeStatus recorded = upgrade(Phase.Progressing);
    recorded.setInFlight(List.of("w-a"));
    RolloutRound round = round(recorded, List.of(
        moved("cp-0", HostRole.CONTROL_PLANE, TO, HostHealth.HEALTHY, 0, NOW.minusSeconds(90)),
        moved("w-a", HostRole.WORKER, TO, HostHealth.HEALTHY, 1, NOW.minusSeconds(30))));

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.Complete);
    assertThat(round.upgrade().getFinishedAt()).isEqualTo(NOW.toString());
    assertThat(round.upgrade().getInFlight()).isEmpty();
    assertThat(round.upgrade().getUpdated()).isEqualTo(2);
    assertThat(round.profileVersion()).isEqualTo(TO);
    assertThat(round.wakeAfter()).isEmpty();
  }

  @Test
  @DisplayName("When every moved host is back healthy, then the rollback is finished and the cluster keeps its version")
  void rolledBack() {
    UpgradeStatus recorded = upgrade(Phase.RollingBack);
    recorded.setFailure("w-a reported failure on 1.1.0: disk full");
    RolloutRound round = round(recorded, List.of(
        moved("w-a", HostRole.WORKER, FROM, HostHealth.HEALTHY, 0, NOW.minusSeconds(30)),
        onFrom("w-b", HostRole.WORKER)));

    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(round.upgrade().getFinishedAt()).isEqualTo(NOW.toString());
    assertThat(round.profileVersion()).isEqualTo(FROM);
    assertThat(round.standing()).isEqualTo(new Rolling(null, null));
  }

  @Test
  @DisplayName("Every host phase has a health, and only Running is in service")
  void healthOfEveryPhase() {
    for (dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase phase
        : dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase.values()) {
      assertThat(HostHealth.of(phase) == HostHealth.HEALTHY).as("%s", phase)
          .isEqualTo(phase == dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase.Running);
    }
  }

  private static final RolloutStrategy NIGHTS = new RolloutStrategy(null, "5m", null, false,
      List.of(new dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow(List.of("Tue"), "22:00", "4h", "UTC")));

  @Test
  @DisplayName("When no maintenance window is open and no host is in flight, then no batch starts, status shows the "
      + "next window and the round wakes when it opens")
  void waitsForWindow() {
    // NOW is Tuesday 2026-11-24 08:00Z; the window opens that day at 22:00Z.
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(onFrom("cp", HostRole.CONTROL_PLANE),
        onFrom("w1", HostRole.WORKER)), NIGHTS, BOTH);

    assertThat(round.batch()).isEmpty();
    assertThat(round.upgrade().getPhase()).isEqualTo(Phase.Progressing);
    assertThat(round.upgrade().getNextWindow()).isEqualTo("2026-11-24T22:00:00Z");
    assertThat(round.wakeAfter()).hasValueSatisfying(wake ->
        assertThat(wake).isBetween(Duration.ofHours(14), Duration.ofHours(14).plusSeconds(1)));
  }

  @Test
  @DisplayName("When the window closes while a batch is in flight, then the batch goes on to finish and no new batch "
      + "starts once it has")
  void batchInFlightFinishes() {
    UpgradeStatus upgrade = upgrade(Phase.Progressing);
    upgrade.setInFlight(List.of("cp"));
    RolloutRound inFlight = round(upgrade, List.of(moved("cp", HostRole.CONTROL_PLANE, TO, HostHealth.APPLYING, 0,
        NOW.minusSeconds(60)), onFrom("w1", HostRole.WORKER)), NIGHTS, BOTH);

    assertThat(inFlight.batch()).isEmpty();
    assertThat(inFlight.upgrade().getNextWindow()).as("waiting for the host, not yet for the window").isNull();
    assertThat(((Rolling) inFlight.standing()).detail()).contains("waiting for cp to report healthy");

    RolloutRound after = round(inFlight.upgrade(), List.of(moved("cp", HostRole.CONTROL_PLANE, TO,
        HostHealth.HEALTHY, 0, NOW.minusSeconds(60)), onFrom("w1", HostRole.WORKER)), NIGHTS, BOTH);
    assertThat(after.batch()).as("w1 waits for the window").isEmpty();
    assertThat(after.upgrade().getUpdated()).isEqualTo(1);
    assertThat(after.upgrade().getNextWindow()).isEqualTo("2026-11-24T22:00:00Z");
  }

  @Test
  @DisplayName("When the clock is inside the window, then the next batch starts and no next window is shown")
  void insideWindowMoves() {
    RolloutRound round = RolloutStep.next(new Input(upgrade(Phase.Progressing), FROM, Optional.of(TO),
        List.of(onFrom("cp", HostRole.CONTROL_PLANE)), NIGHTS, BOTH, Instant.parse("2026-11-24T23:00:00Z")));

    assertThat(round.batch()).hasValueSatisfying(b -> assertThat(b.hosts()).extracting(RolloutHost::name)
        .containsExactly("cp"));
    assertThat(round.upgrade().getNextWindow()).isNull();
  }

  @Test
  @DisplayName("When the upgrade-now annotation has a new value outside the windows, then the batch starts and the "
      + "value is recorded with the rollout; a later rollout does not take the same value again")
  void upgradeNowTakenOnce() {
    List<RolloutHost> hosts = List.of(onFrom("cp", HostRole.CONTROL_PLANE));
    RolloutRound now = RolloutStep.next(new Input(upgrade(Phase.Progressing), FROM, Optional.of(TO), hosts, NIGHTS,
        BOTH, NOW, "ticket-42"));

    assertThat(now.batch()).isPresent();
    assertThat(now.upgrade().getUpgradeNow().getValue()).isEqualTo("ticket-42");
    assertThat(now.upgrade().getUpgradeNow().getRollout()).isEqualTo(now.upgrade().getId());

    UpgradeStatus next = Upgrades.upgrade(Phase.Progressing, TO, "1.2.0", "store-v2", "store-v3", NOW);
    next.setUpgradeNow(now.upgrade().getUpgradeNow());
    RolloutRound later = RolloutStep.next(new Input(next, TO, Optional.of("1.2.0"),
        List.of(new RolloutHost("cp", HostRole.CONTROL_PLANE, TO, HostHealth.HEALTHY, null, Optional.empty())),
        NIGHTS, BOTH, NOW.plusSeconds(3600), "ticket-42"));
    assertThat(later.batch()).as("the same value is not used twice").isEmpty();
    assertThat(later.upgrade().getNextWindow()).isEqualTo("2026-11-24T22:00:00Z");
  }

  @Test
  @DisplayName("When a rollout rolls back outside the windows, then the rollback is not held back")
  void rollbackIgnoresWindows() {
    UpgradeStatus upgrade = upgrade(Phase.RollingBack);
    RolloutRound round = round(upgrade, List.of(moved("cp", HostRole.CONTROL_PLANE, TO, HostHealth.HEALTHY, 0,
        NOW.minusSeconds(600)), onFrom("w1", HostRole.WORKER)), NIGHTS, BOTH);

    assertThat(round.batch()).hasValueSatisfying(b -> assertThat(b.version()).isEqualTo(FROM));
  }

  @Test
  @DisplayName("When a window names a time zone no database knows, then the rollout is blocked with reason "
      + "InvalidMaintenanceWindow naming the field, and nothing moves")
  void unknownZoneBlocks() {
    RolloutStrategy mars = new RolloutStrategy(null, "5m", null, false,
        List.of(new dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow(List.of("Tue"), "22:00", "4h", "Mars/Olympus")));
    RolloutRound round = round(upgrade(Phase.Progressing), List.of(onFrom("cp", HostRole.CONTROL_PLANE)), mars,
        BOTH);

    assertThat(round.batch()).isEmpty();
    assertThat(round.standing()).isInstanceOfSatisfying(Blocked.class, blocked -> {
      assertThat(blocked.reason()).isEqualTo("InvalidMaintenanceWindow");
      assertThat(blocked.message()).contains("spec.upgradeStrategy.maintenanceWindows[0].timeZone: 'Mars/Olympus'");
    });
  }
}
