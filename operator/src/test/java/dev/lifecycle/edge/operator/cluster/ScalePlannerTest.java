package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static dev.lifecycle.edge.operator.cluster.Hosts.available;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.cluster.ScalePlanner.Rollout;
import dev.lifecycle.edge.operator.cluster.ScalePlanner.Scale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScalePlannerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final FormationPlanner.Target TARGET = new FormationPlanner.Target("edge-1.0.0", "1.0.0",
      List.of(new ProfileLayer()), "10.0.0.1");

  @Test
  @DisplayName("When workers.count rises from 2 to 4, then two Available hosts are claimed, no running host is "
      + "touched, and the cluster says it is scaling up")
  void growsWorkers() {
    List<HostView> hosts = new ArrayList<>(cluster(2));
    hosts.add(available("h-x"));
    hosts.add(available("h-y"));
    hosts.add(available("h-z"));

    Scale scale = decide(1, 4, "1", Rollout.NONE, hosts);

    assertThat(scale.workerClaims()).containsExactly("h-x", "h-y");
    assertThat(scale.controlPlaneClaims()).isEmpty();
    assertThat(scale.releases()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(ScalePlanner.SCALING_UP);
      assertThat(v.reconciling()).isTrue();
    });
  }

  @Test
  @DisplayName("When the claimed hosts join, then formation plans only them, and the running hosts keep their plans")
  void newWorkersJoinWithoutTouchingRunningOnes() {
    List<HostView> owned = new ArrayList<>(cluster(2));
    owned.add(Hosts.owned("h-x", HostRole.WORKER, Phase.Provisioning));
    owned.add(Hosts.owned("h-y", HostRole.WORKER, Phase.Provisioning));

    List<FormationPlanner.PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 1, owned, TARGET);

    assertThat(plans).extracting(FormationPlanner.PlanAssignment::host).containsExactlyInAnyOrder("h-x", "h-y");
    assertThat(plans).allSatisfy(p -> assertThat(p.plan().getAction()).isEqualTo(HostPlan.Action.Join));
    Scale scale = decide(1, 4, "1", Rollout.NONE, owned);
    assertThat(scale.verdict()).hasValueSatisfying(v -> assertThat(v.message()).contains("h-x, h-y joining"));
  }

  @Test
  @DisplayName("When workers.count falls from 4 to 1 with maxUnavailable 2, then the two newest workers are released "
      + "first, and no more than two hosts are out at once")
  void shrinksNewestFirstWithinTheBound() {
    List<HostView> hosts = List.of(controlPlane(), worker("w-a", 1), worker("w-b", 4), worker("w-c", 2),
        worker("w-d", 3));

    Scale scale = decide(1, 1, "2", Rollout.NONE, hosts);

    assertThat(scale.releases()).containsExactly("w-b", "w-d");
    assertThat(scale.workerClaims()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(ScalePlanner.SCALING_DOWN);
      assertThat(v.message()).contains("releasing w-b, w-d", "1 surplus worker(s) left after this batch");
    });
  }

  @Test
  @DisplayName("When released hosts are still resetting, then no further host is released, and the status names them")
  void waitsForResets() {
    List<HostView> hosts = List.of(controlPlane(), worker("w-a", 1), worker("w-c", 2), resetting("w-b", Phase.Provisioning),
        resetting("w-d", Phase.Available));

    Scale scale = decide(1, 1, "2", Rollout.NONE, hosts);

    assertThat(scale.releases()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(ScalePlanner.SCALING_DOWN);
      assertThat(v.message()).contains("waiting for w-b (Provisioning) to report the reset applied",
          "1 surplus worker(s) left").doesNotContain("w-d");
    });
  }

  @Test
  @DisplayName("When every released host reports its reset applied, then the next batch is released")
  void nextBatchAfterResets() {
    List<HostView> hosts = List.of(controlPlane(), worker("w-a", 1), worker("w-c", 2), resetting("w-b", Phase.Available),
        resetting("w-d", Phase.Available));

    Scale scale = decide(1, 1, "2", Rollout.NONE, hosts);

    assertThat(scale.releases()).containsExactly("w-c");
  }

  @Test
  @DisplayName("When hosts of the cluster are already out of service, then the batch is smaller, or waits")
  void budgetCountsHostsOutOfService() {
    HostView joining = new HostView("w-new", Map.of(), Phase.Provisioning, CLUSTER, HostRole.WORKER, null, null, null,
        null, T0.plusSeconds(600));
    List<HostView> oneOut = List.of(controlPlane(), worker("w-a", 1), worker("w-b", 2), worker("w-c", 3), joining);

    assertThat(decide(1, 1, "2", Rollout.NONE, oneOut).releases())
        .as("the joining host is newest and out already, so it costs nothing; one running host fits what is left")
        .containsExactly("w-new", "w-c");

    List<HostView> twoOut = List.of(controlPlane(), worker("w-a", 1), worker("w-b", 2),
        Hosts.owned("w-x", HostRole.WORKER, Phase.Upgrading), Hosts.owned("cp-2", HostRole.WORKER, Phase.Failed));
    Scale waiting = decide(1, 3, "1", Rollout.NONE, twoOut);
    assertThat(waiting.releases()).as("newest first: w-b is running and the budget is spent").isEmpty();
  }

  @Test
  @DisplayName("When workers without a recorded claim time are compared, then they count as oldest, by name")
  void newestIsByClaimTimeThenName() {
    List<HostView> workers = List.of(Hosts.owned("w-a", HostRole.WORKER, Phase.Running),
        Hosts.owned("w-z", HostRole.WORKER, Phase.Running), worker("w-m", 1));

    assertThat(ScalePlanner.newestFirst(workers)).extracting(HostView::name).containsExactly("w-m", "w-z", "w-a");
  }

  @Test
  @DisplayName("When a rollout is under way, then neither claims nor releases happen, and the status says it waits")
  void waitsForARollout() {
    List<HostView> hosts = new ArrayList<>(cluster(3));
    hosts.add(available("h-x"));

    Scale shrink = decide(1, 1, "1", Rollout.UNDER_WAY, hosts);
    assertThat(shrink.releases()).isEmpty();
    assertThat(shrink.waitsForRollout()).hasValueSatisfying(w -> assertThat(w).contains("waits for the rollout"));

    Scale grow = decide(1, 4, "1", Rollout.DUE, hosts);
    assertThat(grow.workerClaims()).isEmpty();
    assertThat(grow.waitsForRollout()).isPresent();
  }

  @Test
  @DisplayName("When the round that ends a rollout had a count change wait for it, then the cluster goes on at once, "
      + "not at the next host heartbeat; a rollout still under way, or a scale that waited for nothing, asks for "
      + "no extra round")
  void goesOnOnceTheRolloutEnds() {
    List<HostView> hosts = new ArrayList<>(cluster(2));
    hosts.add(available("h-x"));
    Scale waited = decide(1, 3, "1", Rollout.UNDER_WAY, hosts);
    Scale unchanged = decide(1, 2, "1", Rollout.UNDER_WAY, hosts);

    assertThat(ScalePlanner.goesOnAfterRollout(waited, upgrade(UpgradeStatus.Phase.Progressing),
        upgrade(UpgradeStatus.Phase.Complete))).isTrue();
    assertThat(ScalePlanner.goesOnAfterRollout(waited, upgrade(UpgradeStatus.Phase.RollingBack),
        upgrade(UpgradeStatus.Phase.RolledBack))).isTrue();
    assertThat(ScalePlanner.goesOnAfterRollout(waited, upgrade(UpgradeStatus.Phase.Progressing),
        upgrade(UpgradeStatus.Phase.Progressing))).as("still under way").isFalse();
    assertThat(ScalePlanner.goesOnAfterRollout(waited, upgrade(UpgradeStatus.Phase.Progressing),
        upgrade(UpgradeStatus.Phase.Stalled))).as("stalled: a person must act").isFalse();
    assertThat(ScalePlanner.goesOnAfterRollout(waited, upgrade(UpgradeStatus.Phase.Complete),
        upgrade(UpgradeStatus.Phase.Complete))).as("ended in an earlier round: no loop").isFalse();
    assertThat(ScalePlanner.goesOnAfterRollout(unchanged, upgrade(UpgradeStatus.Phase.Progressing),
        upgrade(UpgradeStatus.Phase.Complete))).as("no count change waited").isFalse();
  }

  @Test
  @DisplayName("When a rollout is due while released hosts still reset, then the rollout waits for them instead")
  void dueRolloutWaitsForResets() {
    List<HostView> hosts = List.of(controlPlane(), worker("w-a", 1), resetting("w-b", Phase.Provisioning));

    Scale scale = decide(1, 1, "1", Rollout.DUE, hosts);

    assertThat(scale.holdsRollout()).isTrue();
    assertThat(scale.waitsForRollout()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> assertThat(v.message())
        .contains("w-b (Provisioning)", "the upgrade to the new profile version starts after"));
  }

  @Test
  @DisplayName("When the control plane grows from 1 to 3, then both hosts are claimed but join one at a time, each "
      + "once the one before runs")
  void controlPlaneGrowsOneAtATime() {
    HostView init = Hosts.planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, HostPlan.Action.Init, 1);
    Scale scale = decide(3, 0, "1", Rollout.NONE, List.of(init, available("cp-b"), available("cp-c")));
    assertThat(scale.controlPlaneClaims()).containsExactly("cp-b", "cp-c");

    List<HostView> claimed = List.of(init, Hosts.owned("cp-b", HostRole.CONTROL_PLANE, Phase.Provisioning),
        Hosts.owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning));
    assertThat(FormationPlanner.plans(CLUSTER, 3, claimed, TARGET)).extracting(FormationPlanner.PlanAssignment::host)
        .containsExactly("cp-b");

    List<HostView> firstJoining = List.of(init,
        Hosts.planned("cp-b", HostRole.CONTROL_PLANE, Phase.Provisioning, HostPlan.Action.Join, 1),
        Hosts.owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning));
    assertThat(FormationPlanner.plans(CLUSTER, 3, firstJoining, TARGET)).as("cp-c waits for cp-b").isEmpty();
    assertThat(decide(3, 0, "1", Rollout.NONE, firstJoining).verdict()).hasValueSatisfying(v -> assertThat(v.message())
        .contains("control-plane hosts join one at a time"));

    List<HostView> firstRunning = List.of(init,
        Hosts.planned("cp-b", HostRole.CONTROL_PLANE, Phase.Running, HostPlan.Action.Join, 1),
        Hosts.owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning));
    assertThat(FormationPlanner.plans(CLUSTER, 3, firstRunning, TARGET)).extracting(FormationPlanner.PlanAssignment::host)
        .containsExactly("cp-c");
  }

  @Test
  @DisplayName("When spec.controlPlane.count is below the control-plane hosts (an API that does not validate), then "
      + "nothing is released and the cluster is Stalled with the reason")
  void controlPlaneNeverShrinks() {
    List<HostView> hosts = List.of(Hosts.owned("cp-a", HostRole.CONTROL_PLANE, Phase.Running),
        Hosts.owned("cp-b", HostRole.CONTROL_PLANE, Phase.Running),
        Hosts.owned("cp-c", HostRole.CONTROL_PLANE, Phase.Running));

    Scale scale = decide(1, 0, "1", Rollout.NONE, hosts);

    assertThat(scale.releases()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> {
      assertThat(v.stalled()).isTrue();
      assertThat(v.reason()).isEqualTo(ScalePlanner.CONTROL_PLANE_SHRINK_REFUSED);
      assertThat(v.message()).contains("set it back to 3");
    });
  }

  @Test
  @DisplayName("When the host cache has not yet seen last round's claim, then the recorded claim counts and no extra "
      + "host is claimed")
  void recordedClaimsPreventOverClaiming() {
    List<HostView> staleCache = List.of(controlPlane(), worker("w-a", 1), available("w-new"), available("h-spare"));

    List<HostView> counted = ScalePlanner.withRecordedClaims(CLUSTER, staleCache,
        Map.of("cp", HostRole.CONTROL_PLANE, "w-a", HostRole.WORKER, "w-new", HostRole.WORKER));

    assertThat(ClaimPlanner.plan(CLUSTER, 1, null, 2, null, counted).workerClaims()).isEmpty();
    assertThat(ClaimPlanner.plan(CLUSTER, 1, null, 2, null, staleCache).workerClaims())
        .as("without the record, the stale cache would claim a third worker").containsExactly("h-spare");
  }

  @Test
  @DisplayName("When the counts match the hosts and nothing resets, then scaling decides nothing")
  void settled() {
    Scale scale = decide(1, 2, "1", Rollout.NONE, cluster(2));

    assertThat(scale.releases()).isEmpty();
    assertThat(scale.workerClaims()).isEmpty();
    assertThat(scale.verdict()).isEmpty();
    assertThat(scale.waitsForRollout()).isEmpty();
  }

  @Test
  @DisplayName("When workers.count falls outside the cluster's maintenance windows, then no worker is released and "
      + "the cluster says when the window opens; inside one, the newest go first as usual")
  void scaleDownWaitsForItsWindow() {
    List<HostView> hosts = List.of(controlPlane(), worker("w-a", 1), worker("w-b", 2));
    ClaimPlanner.Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 1, null, hosts);
    Instant opens = Instant.parse("2026-12-07T01:00:00Z");

    Scale closed = ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, 1, 1, "1", true, Rollout.NONE, claims, hosts,
        new ScalePlanner.Window(false, Optional.of(opens))));
    Scale open = ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, 1, 1, "1", true, Rollout.NONE, claims, hosts,
        ScalePlanner.Window.OPEN));

    assertThat(closed.releases()).isEmpty();
    assertThat(closed.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(ScalePlanner.SCALING_DOWN);
      assertThat(v.message()).contains("1 surplus worker(s) wait for the maintenance window opening at "
          + "2026-12-07T01:00:00Z");
    });
    assertThat(open.releases()).containsExactly("w-b");
  }

  private static Scale decide(int controlPlane, int workers, String maxUnavailable, Rollout rollout,
      List<HostView> hosts) {
    ClaimPlanner.Claims claims = ClaimPlanner.plan(CLUSTER, controlPlane, null, workers, null, hosts);
    return ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, controlPlane, workers, maxUnavailable, true, rollout,
        claims, hosts));
  }

  @Test
  @DisplayName("When a cluster that has not formed holds part of its hosts and cannot claim the rest, then it "
      + "releases them all and claims nothing")
  void unformedClusterShortOfHostsReleasesWhatItHolds() {
    List<HostView> hosts = List.of(Hosts.owned("h-cp", HostRole.CONTROL_PLANE, Phase.Provisioning),
        Hosts.owned("h-w1", HostRole.WORKER, Phase.Available), available("h-x"));
    ClaimPlanner.Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 4, null, hosts);

    Scale scale = ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, 1, 4, null, false, Rollout.NONE, claims,
        hosts));

    assertThat(scale.releases()).containsExactly("h-cp", "h-w1");
    assertThat(scale.controlPlaneClaims()).isEmpty();
    assertThat(scale.workerClaims()).isEmpty();
    assertThat(ScalePlanner.abandonsClaim(false, claims, false)).isTrue();
  }

  @Test
  @DisplayName("When a cluster that has not formed can claim the rest of its hosts, then it keeps what it holds and "
      + "claims the rest")
  void unformedClusterThatCanCompleteKeepsItsHosts() {
    List<HostView> hosts = List.of(Hosts.owned("h-cp", HostRole.CONTROL_PLANE, Phase.Provisioning),
        Hosts.owned("h-w1", HostRole.WORKER, Phase.Available), available("h-x"));
    ClaimPlanner.Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null, hosts);

    Scale scale = ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, 1, 2, null, false, Rollout.NONE, claims,
        hosts));

    assertThat(scale.releases()).isEmpty();
    assertThat(scale.workerClaims()).containsExactly("h-x");
  }

  @Test
  @DisplayName("When a formed cluster is short of hosts for a scale-up, then it keeps every host it runs")
  void formedClusterShortOfHostsKeepsItsHosts() {
    List<HostView> hosts = new ArrayList<>(cluster(2));
    hosts.add(available("h-x"));

    Scale scale = decide(1, 4, "1", Rollout.NONE, hosts);

    assertThat(scale.releases()).isEmpty();
    assertThat(scale.workerClaims()).isEmpty();
    assertThat(scale.verdict()).hasValueSatisfying(v -> assertThat(v.reason()).isEqualTo("InsufficientHosts"));
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setPhase(phase);
    return upgrade;
  }

  /** A formed cluster: one control-plane host and {@code workers} workers, all running. */
  private static List<HostView> cluster(int workers) {
    List<HostView> hosts = new ArrayList<>();
    hosts.add(controlPlane());
    for (int i = 0; i < workers; i++) {
      hosts.add(worker("w-" + (char) ('a' + i), i + 1));
    }
    return hosts;
  }

  private static HostView controlPlane() {
    return Hosts.planned("cp", HostRole.CONTROL_PLANE, Phase.Running, HostPlan.Action.Init, 1);
  }

  /** A running worker claimed {@code minutes} after T0. */
  private static HostView worker(String name, int minutes) {
    HostView planned = Hosts.planned(name, HostRole.WORKER, Phase.Running, HostPlan.Action.Join, 1);
    return new HostView(name, Map.of(), Phase.Running, CLUSTER, HostRole.WORKER, planned.plan(), "1.0.0", null,
        planned.address(), T0.plusSeconds(60L * minutes));
  }

  /** A worker the cluster released with a Reset plan, in {@code phase}. */
  private static HostView resetting(String name, Phase phase) {
    HostPlan reset = new HostPlan();
    reset.setAction(HostPlan.Action.Reset);
    reset.setGeneration(2L);
    reset.setCluster(CLUSTER);
    return new HostView(name, Map.of(), phase, null, null, reset, "1.0.0", null);
  }

  @Test
  @DisplayName("When a host replaced by a spare resets after its release, then it is no scale-down: no ScalingDown "
      + "condition, and a due rollout is not held")
  void replacedHostResettingIsNoScaleDown() {
    List<HostView> hosts = new ArrayList<>(cluster(2));
    hosts.add(new HostView("h-spare", Map.of(), Phase.Running, CLUSTER, HostRole.WORKER, null, "1.0.0", null, null,
        T0, "h-dead", false));
    HostPlan reset = new HostPlan();
    reset.setAction(HostPlan.Action.Reset);
    reset.setCluster(CLUSTER);
    reset.setGeneration(3L);
    hosts.add(new HostView("h-dead", Map.of(), Phase.Provisioning, null, null, reset, "1.0.0"));

    Scale scale = decide(1, 3, "1", Rollout.DUE, hosts);

    assertThat(scale.holdsRollout()).isFalse();
    assertThat(scale.verdict()).isNotPresent();
    assertThat(ScalePlanner.releasedByScaleDown(CLUSTER, hosts)).isEmpty();
  }
}
