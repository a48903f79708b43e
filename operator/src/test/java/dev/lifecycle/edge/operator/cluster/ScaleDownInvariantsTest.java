package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.cluster.ScalePlanner.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scale-downs mixed with rollouts, agents and the network in seeded random orders, as the rollout invariants
 * test does for rollouts: the scale planner keeps no memory, so every reconcile is also an operator restart.
 * Each decision is checked before it is applied: a batch never takes the cluster past maxUnavailable hosts out of
 * service or resetting, never releases while a rollout is under way or due or a released host still resets,
 * always releases the newest workers, and a rollout never begins while released hosts reset. Every run ends with
 * the wanted number of workers and every released host Available.
 */
class ScaleDownInvariantsTest {

  private static final String CLUSTER = Hosts.CLUSTER;
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  @DisplayName("When 1,500 seeded clusters shrink while rollouts, agents and the network act in random order, then "
      + "no scale-down decision breaks an invariant and every scale-down ends")
  void invariantsHoldOverSeededRuns() {
    int releasedInTotal = 0;
    for (long seed = 1; seed <= 1_500; seed++) {
      releasedInTotal += new Run(seed).play();
    }
    assertThat(releasedInTotal).as("the runs released hosts at all").isGreaterThan(1_500);
  }

  private static final class SimHost {
    final String name;
    final Instant claimedAt;
    boolean owned = true;
    boolean running = true;
    boolean resetting;

    SimHost(String name, Instant claimedAt) {
      this.name = name;
      this.claimedAt = claimedAt;
    }

    HostView view() {
      HostPlan plan = new HostPlan();
      plan.setCluster(CLUSTER);
      plan.setGeneration(owned ? 1L : 2L);
      plan.setAction(owned ? HostPlan.Action.Join : HostPlan.Action.Reset);
      Phase phase = owned ? (running ? Phase.Running : Phase.Upgrading)
          : resetting ? Phase.Provisioning : Phase.Available;
      return new HostView(name, Map.of(), phase, owned ? CLUSTER : null, owned ? HostRole.WORKER : null, plan,
          "1.0.0", null, null, owned ? claimedAt : null);
    }
  }

  private static final class Run {
    final long seed;
    final Random random;
    final int maxUnavailable;
    final List<SimHost> workers = new ArrayList<>();
    int wanted;
    Rollout rollout = Rollout.NONE;
    int rolloutSteps;
    int released;

    Run(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      this.maxUnavailable = 1 + random.nextInt(3);
      int count = 2 + random.nextInt(8);
      for (int i = 0; i < count; i++) {
        // Several hosts claimed in one round share an instant: name order breaks the tie.
        workers.add(new SimHost(String.format("w-%02d", i), T0.plusSeconds(60L * random.nextInt(count))));
      }
      wanted = random.nextInt(count);
    }

    int play() {
      for (int step = 0; step < 300; step++) {
        switch (random.nextInt(6)) {
          case 0, 1 -> reconcile();
          case 2 -> pick(h -> h.resetting).ifPresent(h -> h.resetting = false);
          case 3 -> pick(h -> h.owned).ifPresent(h -> h.running = !h.running);
          case 4 -> rolloutActs();
          default -> humanActs();
        }
      }
      // Agents and network settle; the operator goes on reconciling until the scale-down ends.
      for (int round = 0; round < 100 && !settled(); round++) {
        workers.forEach(h -> {
          h.running = true;
          h.resetting = false;
        });
        if (rollout == Rollout.UNDER_WAY) {
          rollout = Rollout.NONE;
        }
        reconcile();
      }
      assertThat(settled()).as("seed " + seed + ": the scale-down ended").isTrue();
      return released;
    }

    boolean settled() {
      return owned().size() == wanted && workers.stream().noneMatch(h -> h.resetting) && rollout == Rollout.NONE;
    }

    void reconcile() {
      List<HostView> views = new ArrayList<>();
      views.add(Hosts.planned("cp", HostRole.CONTROL_PLANE, Phase.Running, HostPlan.Action.Init, 1));
      workers.forEach(h -> views.add(h.view()));
      ClaimPlanner.Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, wanted, null, views);
      ScalePlanner.Scale scale = ScalePlanner.decide(new ScalePlanner.Input(CLUSTER, 1, wanted,
          String.valueOf(maxUnavailable), true, rollout, claims, views));
      String at = "seed " + seed + ": ";
      assertThat(scale.workerClaims()).as(at + "nothing to claim when shrinking").isEmpty();
      if (!scale.releases().isEmpty()) {
        assertThat(rollout == Rollout.UNDER_WAY || rollout == Rollout.DUE).as(at + "released during a rollout")
            .isFalse();
        assertThat(workers.stream().noneMatch(h -> h.resetting)).as(at + "released before the last batch reset")
            .isTrue();
        List<SimHost> batch = scale.releases().stream().map(this::host).toList();
        assertThat(batch).allMatch(h -> h.owned, at + "releases owned hosts only");
        assertThat(owned().size() - batch.size()).as(at + "never below the wanted count").isGreaterThanOrEqualTo(wanted);
        Comparator<SimHost> newest = Comparator.comparing((SimHost h) -> h.claimedAt).thenComparing(h -> h.name);
        SimHost oldestReleased = batch.stream().min(newest).orElseThrow();
        assertThat(owned().stream().filter(h -> !batch.contains(h)))
            .as(at + "a host older than every released one stays").allMatch(h -> newest.compare(h, oldestReleased) < 0);
        boolean costs = batch.stream().anyMatch(h -> h.running);
        batch.forEach(h -> {
          h.owned = false;
          h.resetting = true;
        });
        released += batch.size();
        if (costs) {
          assertThat(outOfService()).as(at + "hosts out of service or resetting after the batch")
              .isLessThanOrEqualTo(maxUnavailable);
        }
      }
      if (rollout == Rollout.DUE && !scale.holdsRollout()) {
        assertThat(workers.stream().noneMatch(h -> h.resetting)).as(at + "a rollout began while hosts reset")
            .isTrue();
        rollout = Rollout.UNDER_WAY;
        rolloutSteps = 1 + random.nextInt(4);
      }
    }

    /** A rollout under way moves a running host within the bound (the rollout planner's rule), or ends. */
    void rolloutActs() {
      if (rollout != Rollout.UNDER_WAY) {
        return;
      }
      if (--rolloutSteps <= 0) {
        rollout = Rollout.NONE;
        return;
      }
      if (outOfService() < maxUnavailable) {
        pick(h -> h.owned && h.running).ifPresent(h -> h.running = false);
      }
    }

    void humanActs() {
      if (random.nextBoolean()) {
        wanted = random.nextInt(owned().size() + 1);
      } else if (rollout == Rollout.NONE) {
        rollout = Rollout.DUE;
      }
    }

    int outOfService() {
      return (int) workers.stream().filter(h -> (h.owned && !h.running) || h.resetting).count();
    }

    List<SimHost> owned() {
      return workers.stream().filter(h -> h.owned).toList();
    }

    SimHost host(String name) {
      return workers.stream().filter(h -> h.name.equals(name)).findFirst().orElseThrow();
    }

    java.util.Optional<SimHost> pick(java.util.function.Predicate<SimHost> which) {
      List<SimHost> candidates = workers.stream().filter(which).toList();
      return candidates.isEmpty() ? java.util.Optional.empty()
          : java.util.Optional.of(candidates.get(random.nextInt(candidates.size())));
    }
  }
}
