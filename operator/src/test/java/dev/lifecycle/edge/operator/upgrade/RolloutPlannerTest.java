package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Move;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String FROM = "1.0.0";
  private static final String TO = "1.1.0";

  private static RolloutHost waiting(String name, HostRole role) {
    return new RolloutHost(name, role, FROM, HostHealth.HEALTHY, null, Optional.empty());
  }

  private static RolloutHost done(String name, HostRole role, int order) {
    return new RolloutHost(name, role, TO, HostHealth.HEALTHY, null, moved(order, NOW.minusSeconds(60)));
  }

  private static RolloutHost applying(String name, HostRole role, int order, Instant movedAt) {
    return new RolloutHost(name, role, TO, HostHealth.APPLYING, null, moved(order, movedAt));
  }

  private static Optional<RolloutHost.Move> moved(int order, Instant at) {
    return Optional.of(new RolloutHost.Move(order, at));
  }

  private static RolloutHost failed(String name, HostRole role, int order) {
    return new RolloutHost(name, role, TO, HostHealth.FAILED, "upgrade exited with status 1", moved(order, NOW));
  }

  private static RolloutHost unreachable(String name, HostRole role) {
    return new RolloutHost(name, role, FROM, HostHealth.UNREACHABLE, null, Optional.empty());
  }

  private static RolloutState state(List<RolloutHost> hosts, int maxUnavailable, FailurePolicy onFailure) {
    return new RolloutState(FROM, TO, false, hosts, maxUnavailable, false, onFailure, Duration.ofMinutes(10), NOW);
  }

  private static List<RolloutHost> oneControlPlaneFiveWorkers() {
    List<RolloutHost> hosts = new ArrayList<>();
    hosts.add(waiting("cp-0", HostRole.CONTROL_PLANE));
    for (String w : List.of("w-a", "w-b", "w-c", "w-d", "w-e")) {
      hosts.add(waiting(w, HostRole.WORKER));
    }
    return hosts;
  }

  @Test
  @DisplayName("When a rollout starts, then the control-plane host moves first and alone, whatever the budget")
  void controlPlaneFirstAndAlone() {
    assertThat(RolloutPlanner.decide(state(oneControlPlaneFiveWorkers(), 2, FailurePolicy.Pause)))
        .isEqualTo(new Move(List.of("cp-0"), TO));
  }

  @Test
  @DisplayName("When the control plane is done, then workers move in batches of maxUnavailable, by name")
  void workersInBatches() {
    List<RolloutHost> hosts = oneControlPlaneFiveWorkers();
    hosts.set(0, done("cp-0", HostRole.CONTROL_PLANE, 0));

    assertThat(RolloutPlanner.decide(state(hosts, 2, FailurePolicy.Pause)))
        .isEqualTo(new Move(List.of("w-a", "w-b"), TO));
  }

  @Test
  @DisplayName("When a moved host has not reported healthy yet, then nothing else moves")
  void waitsForTheBatch() {
    List<RolloutHost> hosts = oneControlPlaneFiveWorkers();
    hosts.set(0, done("cp-0", HostRole.CONTROL_PLANE, 0));
    hosts.set(1, done("w-a", HostRole.WORKER, 1));
    hosts.set(2, applying("w-b", HostRole.WORKER, 2, NOW.minusSeconds(30)));

    RolloutDecision decision = RolloutPlanner.decide(state(hosts, 2, FailurePolicy.Pause));

    assertThat(decision).isInstanceOf(RolloutDecision.Wait.class);
    assertThat(((RolloutDecision.Wait) decision).reason()).contains("w-b");
  }

  @Test
  @DisplayName("When a host outside the rollout is down, then it uses up the budget")
  void unhealthyHostsCountAgainstTheBudget() {
    List<RolloutHost> hosts = oneControlPlaneFiveWorkers();
    hosts.set(0, done("cp-0", HostRole.CONTROL_PLANE, 0));
    hosts.set(5, unreachable("w-e", HostRole.WORKER));

    assertThat(RolloutPlanner.decide(state(hosts, 2, FailurePolicy.Pause)))
        .isEqualTo(new Move(List.of("w-a"), TO));
  }

  @Test
  @DisplayName("When another control-plane host is unhealthy, then the next control-plane host waits")
  void controlPlaneWaitsForItsPeers() {
    List<RolloutHost> hosts = List.of(done("cp-0", HostRole.CONTROL_PLANE, 0),
        waiting("cp-1", HostRole.CONTROL_PLANE),
        unreachable("cp-2", HostRole.CONTROL_PLANE));

    assertThat(RolloutPlanner.decide(state(hosts, 3, FailurePolicy.Pause)))
        .isInstanceOf(RolloutDecision.Wait.class);
  }

  @Test
  @DisplayName("When a moved host fails under Pause, then the rollout stalls naming it")
  void pauseOnFailure() {
    List<RolloutHost> hosts = oneControlPlaneFiveWorkers();
    hosts.set(0, failed("cp-0", HostRole.CONTROL_PLANE, 0));

    RolloutDecision decision = RolloutPlanner.decide(state(hosts, 2, FailurePolicy.Pause));

    assertThat(decision).isEqualTo(new RolloutDecision.Stall("cp-0", "HostFailed",
        "cp-0 reported failure on 1.1.0: upgrade exited with status 1"));
  }

  @Test
  @DisplayName("When a moved host stays silent past hostTimeout, then that counts as a failure")
  void timeout() {
    List<RolloutHost> hosts = oneControlPlaneFiveWorkers();
    hosts.set(0, applying("cp-0", HostRole.CONTROL_PLANE, 0, NOW.minus(Duration.ofMinutes(10))));

    RolloutDecision decision = RolloutPlanner.decide(state(hosts, 2, FailurePolicy.Pause));

    assertThat(decision).isInstanceOf(RolloutDecision.Stall.class);
    assertThat(((RolloutDecision.Stall) decision).reason()).isEqualTo("HostTimedOut");
  }

  @Test
  @DisplayName("When a host fails under Rollback, then the rollout turns around, and moved hosts go back newest "
      + "first")
  void rollbackNewestFirst() {
    List<RolloutHost> hosts = List.of(done("cp-0", HostRole.CONTROL_PLANE, 0), done("w-a", HostRole.WORKER, 1),
        done("w-b", HostRole.WORKER, 2), failed("w-c", HostRole.WORKER, 3),
        waiting("w-d", HostRole.WORKER));

    assertThat(RolloutPlanner.decide(state(hosts, 1, FailurePolicy.Rollback)))
        .isEqualTo(new RolloutDecision.StartRollback("w-c", "w-c reported failure on 1.1.0: upgrade exited with "
            + "status 1", new Move(List.of("w-c"), FROM)));

    RolloutState back = new RolloutState(FROM, TO, true, hosts, 1, false, FailurePolicy.Rollback,
        Duration.ofMinutes(10), NOW);
    assertThat(RolloutPlanner.decide(back)).isEqualTo(new Move(List.of("w-c"), FROM));
  }

  @Test
  @DisplayName("When every host runs the target version healthy, then the rollout is complete")
  void complete() {
    List<RolloutHost> hosts = List.of(done("cp-0", HostRole.CONTROL_PLANE, 0), done("w-a", HostRole.WORKER, 1));

    assertThat(RolloutPlanner.decide(state(hosts, 1, FailurePolicy.Pause)))
        .isInstanceOf(RolloutDecision.Complete.class);
  }

  @Test
  @DisplayName("When spec.paused is set, then no batch starts, and the reason says how to go on")
  void paused() {
    RolloutState paused = new RolloutState(FROM, TO, false, oneControlPlaneFiveWorkers(), 2, true,
        FailurePolicy.Pause, Duration.ofMinutes(10), NOW);

    RolloutDecision decision = RolloutPlanner.decide(paused);

    assertThat(decision).isInstanceOf(RolloutDecision.Wait.class);
    assertThat(((RolloutDecision.Wait) decision).reason()).contains("spec.paused");
  }
}
