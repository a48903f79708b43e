package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.cluster.ScalePlanner.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Many clusters racing for scarce hosts in one namespace, in seeded random orders, through the claim and scale
 * planners and the reconciler's claim rules: a claim is an optimistic-locking write that succeeds only while the host
 * is unclaimed, a round claims in the planner's order and stops at its first lost claim (no worker when a
 * control-plane claim was lost), and a round reads the hosts and its own status.hosts from a cache that lags by 0 to
 * 4 steps, overlaid with the writes this process made that the cache does not show yet ({@link RecentWrites}).
 * Some steps run two or three rounds at once: each reads its view at a random moment among the others' writes.
 *
 * <p>After every step no cluster owns more control-plane hosts or workers than its counts. Once the run settles (no
 * lag, resets done, every cluster reconciled until nothing changes), every cluster either holds all it needs or
 * nothing (no workers without a control plane, no stranded host), no cluster that holds nothing could form from the
 * hosts left, and when all clusters need the same, as many form as the hosts suffice for.
 */
class ClaimRaceInvariantsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final int RUNS = 200;

  @Test
  @DisplayName("When 5 to 50 clusters race for scarce hosts through a lagging cache in 200 seeded runs, then no "
      + "cluster ever owns more than its counts, and once settled none strands a host and as many form as can")
  void claimsNeverOverReachNorStrand() {
    Figures figures = new Figures();
    for (long seed = 1; seed <= RUNS; seed++) {
      new Run(seed, true, figures).play();
    }
    System.out.println("claim race, remembering own writes: " + figures);
    assertThat(figures.overClaimingRuns).isZero();
    assertThat(figures.lostClaims).as("the clusters raced at all").isGreaterThan(RUNS);
    assertThat(figures.abandonedClaims).as("partly lost races were given up").isPositive();
    assertThat(figures.formed).as("clusters formed").isGreaterThan(RUNS * 3);
  }

  @Test
  @DisplayName("When the same runs count claims from the lagging cache alone and go on claiming after a lost claim, "
      + "as before, then clusters over-claim: the invariant test sees what the fleet runs saw")
  void lagAloneOverClaims() {
    Figures figures = new Figures();
    for (long seed = 1; seed <= RUNS; seed++) {
      new Run(seed, false, figures).play();
    }
    System.out.println("claim race, counting from the lagging cache alone, claiming on after a loss: " + figures);
    assertThat(figures.overClaimingRuns).isPositive();
  }

  /** What the runs did, summed. */
  private static final class Figures {
    int runs;
    int clusters;
    int hosts;
    int formed;
    int lostClaims;
    int abandonedClaims;
    int overClaimingRuns;
    int overClaimingSteps;
    int strandedRuns;

    @Override
    public String toString() {
      return runs + " runs, " + clusters + " clusters, " + hosts + " hosts, " + formed + " clusters formed, "
          + lostClaims + " claims lost to another cluster, " + abandonedClaims + " partial holdings released, "
          + overClaimingRuns + " runs over-claimed (" + overClaimingSteps + " steps with a cluster over its counts), "
          + strandedRuns + " runs ended with hosts stranded";
    }
  }

  /** One host as stored: each write makes a new version. */
  private record Snap(String name, long version, String owner, HostRole role, Instant claimedAt, String resetFrom) {

    HostView view() {
      HostPlan plan = null;
      if (owner == null && resetFrom != null) {
        plan = new HostPlan();
        plan.setAction(HostPlan.Action.Reset);
        plan.setCluster(resetFrom);
        plan.setGeneration(2L);
      }
      Phase phase = owner != null || resetFrom != null ? Phase.Provisioning : Phase.Available;
      return new HostView(name, Map.of(), phase, owner, role, plan, null, null, null, claimedAt);
    }
  }

  private static final class SimCluster {
    final String name;
    final int controlPlane;
    final int workers;
    boolean formed;
    /** status.hosts by the history index from which a cache shows it. */
    final TreeMap<Integer, Map<String, HostRole>> status = new TreeMap<>();

    SimCluster(String name, int controlPlane, int workers) {
      this.name = name;
      this.controlPlane = controlPlane;
      this.workers = workers;
    }

    int need() {
      return controlPlane + workers;
    }
  }

  private static final class Run {
    final long seed;
    final Random random;
    /** Whether the round reads its own writes through RecentWrites and stops at its first lost claim. */
    final boolean remember;
    final Figures figures;
    final List<SimCluster> clusters = new ArrayList<>();
    final Snap[] hosts;
    final Map<String, Integer> byName = new HashMap<>();
    final Map<String, Integer> resetLeft = new HashMap<>();
    final List<Snap[]> history = new ArrayList<>();
    final RecentWrites<Snap> recent = new RecentWrites<>(Duration.ofDays(1));
    final int maxLag;
    final boolean uniform;
    long clock;
    boolean changed;
    boolean overClaimed;

    Run(long seed, boolean remember, Figures figures) {
      this.seed = seed;
      this.random = new Random(seed);
      this.remember = remember;
      this.figures = figures;
      int count = 5 + random.nextInt(46);
      uniform = random.nextBoolean();
      int uniformControlPlane = random.nextInt(4) == 0 ? 3 : 1;
      int uniformWorkers = random.nextInt(5);
      int needed = 0;
      for (int i = 0; i < count; i++) {
        SimCluster c = uniform ? new SimCluster(String.format("c-%02d", i), uniformControlPlane, uniformWorkers)
            : new SimCluster(String.format("c-%02d", i), random.nextInt(4) == 0 ? 3 : 1, random.nextInt(5));
        clusters.add(c);
        needed += c.need();
      }
      // Mostly too few hosts for every cluster, sometimes enough.
      int hostCount = Math.max(1, (int) (needed * (0.3 + random.nextDouble() * 0.9)));
      hosts = new Snap[hostCount];
      for (int i = 0; i < hostCount; i++) {
        hosts[i] = new Snap(String.format("h-%03d", i), 1, null, null, null, null);
        byName.put(hosts[i].name(), i);
      }
      maxLag = random.nextInt(5);
      history.add(hosts.clone());
      figures.runs++;
      figures.clusters += count;
      figures.hosts += hostCount;
    }

    void play() {
      for (int step = 0; step < 12 * clusters.size(); step++) {
        int what = random.nextInt(10);
        if (what < 6) {
          together(List.of(clusters.get(random.nextInt(clusters.size()))), true);
        } else if (what < 8) {
          List<SimCluster> shuffled = new ArrayList<>(clusters);
          Collections.shuffle(shuffled, random);
          together(shuffled.subList(0, Math.min(shuffled.size(), 2 + random.nextInt(2))), true);
        } else {
          List<String> resetting = new ArrayList<>(resetLeft.keySet());
          if (!resetting.isEmpty()) {
            resetProgresses(resetting.get(random.nextInt(resetting.size())));
          }
        }
        history.add(hosts.clone());
        checkCounts(step);
      }
      for (int pass = 0; pass < 100; pass++) {
        new ArrayList<>(resetLeft.keySet()).forEach(this::resetDone);
        history.add(hosts.clone());
        changed = false;
        List<SimCluster> shuffled = new ArrayList<>(clusters);
        Collections.shuffle(shuffled, random);
        for (SimCluster c : shuffled) {
          together(List.of(c), false);
          history.add(hosts.clone());
          checkCounts(-1);
        }
        if (!changed && resetLeft.isEmpty()) {
          break;
        }
      }
      if (overClaimed) {
        figures.overClaimingRuns++;
      }
      checkSettled();
    }

    /** Rounds that run at once: each reads at a random moment among the others' writes. */
    void together(List<SimCluster> group, boolean lagging) {
      List<Round> rounds = group.stream().map(c -> new Round(c, lagging ? random.nextInt(maxLag + 1) : 0)).toList();
      List<Round> left = new ArrayList<>(rounds);
      while (!left.isEmpty()) {
        Round r = left.get(random.nextInt(left.size()));
        if (!r.act()) {
          left.remove(r);
        }
      }
    }

    final class Round {
      final SimCluster cluster;
      final int lag;
      List<HostView> views;
      final List<Runnable> writes = new ArrayList<>();
      final Map<String, HostRole> owned = new TreeMap<>();
      boolean stopped;

      Round(SimCluster cluster, int lag) {
        this.cluster = cluster;
        this.lag = lag;
      }

      /** Reads, or makes the next write; false once the round is over. */
      boolean act() {
        if (views == null) {
          plan();
          return true;
        }
        if (writes.isEmpty()) {
          cluster.status.put(history.size(), Map.copyOf(owned));
          cluster.formed |= owned.values().stream().filter(r -> r == HostRole.CONTROL_PLANE).count()
              == cluster.controlPlane && owned.values().stream().filter(r -> r == HostRole.WORKER).count()
              == cluster.workers;
          return false;
        }
        writes.remove(0).run();
        return true;
      }

      void plan() {
        Snap[] cached = history.get(Math.max(0, history.size() - 1 - lag));
        views = new ArrayList<>();
        for (Snap s : cached) {
          Snap seen = remember ? recent.current(s.name(), String.valueOf(s.version()), s, T0) : s;
          if (seen.owner() == null || seen.owner().equals(cluster.name)) {
            views.add(seen.view());
          }
        }
        views.stream().filter(h -> h.ownedBy(cluster.name)).forEach(h -> owned.put(h.name(), h.role()));
        Map<String, HostRole> recorded = cluster.status.isEmpty() ? Map.of()
            : java.util.Optional.ofNullable(cluster.status.floorEntry(history.size() - 1 - lag))
                .map(Map.Entry::getValue).orElse(Map.of());
        ClaimPlanner.Claims claims = ClaimPlanner.plan(cluster.name, cluster.controlPlane, null, cluster.workers,
            null, ScalePlanner.withRecordedClaims(cluster.name, views, recorded));
        ScalePlanner.Scale scale = ScalePlanner.decide(new ScalePlanner.Input(cluster.name, cluster.controlPlane,
            cluster.workers, null, cluster.formed, Rollout.NONE, claims, views));
        scale.controlPlaneClaims().forEach(h -> writes.add(() -> claim(h, HostRole.CONTROL_PLANE)));
        scale.workerClaims().forEach(h -> writes.add(() -> claim(h, HostRole.WORKER)));
        if (ScalePlanner.abandonsClaim(cluster.formed, claims, false) && !scale.releases().isEmpty()) {
          figures.abandonedClaims++;
        }
        scale.releases().forEach(h -> writes.add(() -> release(h)));
      }

      void claim(String name, HostRole role) {
        if (stopped) {
          return;
        }
        int i = byName.get(name);
        Snap now = hosts[i];
        if (now.owner() != null) {
          figures.lostClaims++;
          stopped = remember;
          return;
        }
        write(i, new Snap(name, now.version() + 1, cluster.name, role, T0.plusSeconds(++clock), null));
        owned.put(name, role);
      }

      void release(String name) {
        int i = byName.get(name);
        Snap now = hosts[i];
        if (!cluster.name.equals(now.owner())) {
          return;
        }
        write(i, new Snap(name, now.version() + 1, null, null, null, cluster.name));
        resetLeft.put(name, 1 + random.nextInt(3));
        owned.remove(name);
      }
    }

    void write(int i, Snap written) {
      hosts[i] = written;
      changed = true;
      if (remember) {
        recent.wrote(written.name(), String.valueOf(written.version()), written, T0);
      }
    }

    void resetProgresses(String name) {
      int left = resetLeft.merge(name, -1, Integer::sum);
      if (left <= 0) {
        resetDone(name);
      }
    }

    void resetDone(String name) {
      resetLeft.remove(name);
      int i = byName.get(name);
      Snap now = hosts[i];
      if (now.owner() == null) {
        write(i, new Snap(name, now.version() + 1, null, null, null, null));
      }
    }

    long owns(SimCluster c, HostRole role) {
      return java.util.Arrays.stream(hosts).filter(h -> c.name.equals(h.owner()) && h.role() == role).count();
    }

    void checkCounts(int step) {
      for (SimCluster c : clusters) {
        boolean over = owns(c, HostRole.CONTROL_PLANE) > c.controlPlane || owns(c, HostRole.WORKER) > c.workers;
        if (over) {
          overClaimed = true;
          figures.overClaimingSteps++;
          if (remember) {
            assertThat(over).as("seed " + seed + ", step " + step + ": " + c.name + " owns "
                + owns(c, HostRole.CONTROL_PLANE) + " control-plane hosts and " + owns(c, HostRole.WORKER)
                + " workers for counts " + c.controlPlane + " and " + c.workers).isFalse();
          }
        }
      }
    }

    void checkSettled() {
      int free = (int) java.util.Arrays.stream(hosts).filter(h -> h.owner() == null).count();
      int complete = 0;
      boolean stranded = false;
      for (SimCluster c : clusters) {
        long controlPlane = owns(c, HostRole.CONTROL_PLANE);
        long workers = owns(c, HostRole.WORKER);
        boolean whole = controlPlane == c.controlPlane && workers == c.workers;
        if (whole) {
          complete++;
          figures.formed++;
          continue;
        }
        stranded |= controlPlane + workers > 0 || c.need() <= free;
        if (remember) {
          String at = "seed " + seed + ": " + c.name + " (" + c.controlPlane + "+" + c.workers + ") ";
          assertThat(workers).as(at + "holds workers without its control plane").isZero();
          assertThat(controlPlane).as(at + "holds control-plane hosts it cannot form with").isZero();
          assertThat(c.need()).as(at + "could form from the " + free + " hosts left").isGreaterThan(free);
        }
      }
      if (uniform) {
        int need = clusters.get(0).need();
        int possible = Math.min(clusters.size(), hosts.length / need);
        stranded |= complete < possible;
        if (remember) {
          assertThat(complete).as("seed " + seed + ": clusters formed, of " + clusters.size() + " needing " + need
              + " of " + hosts.length + " hosts").isEqualTo(possible);
        }
      }
      if (stranded) {
        figures.strandedRuns++;
      }
    }
  }
}
