package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Decision;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Mode;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Replacement;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Settings;
import dev.lifecycle.edge.operator.cluster.ScalePlanner.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Host replacements mixed with dying and returning hosts, spares registering, rollouts, scale-downs, maintenance
 * windows, replace requests and the passing of time, in seeded random orders. The planner keeps no memory (every
 * round is also an operator restart: it sees only the hosts and the status recorded last round), and each decision
 * is checked before it is applied: never more replacements under way than maxUnavailable, never more than
 * maxReplacements automatic ones begun in any hour, never a control-plane replacement while another control-plane
 * host is unhealthy or joining or in a control plane under three, never one outside a window, during a rollout or
 * a scale-down, never a dead host released before its spare runs, never a spare that is not Available or is marked
 * for replacement. Every run then heals: with spares, an open window and time, every dead host that can be replaced
 * is.
 */
class RemediationInvariantsTest {

  private static final String CLUSTER = Hosts.CLUSTER;
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @Test
  @DisplayName("When 2,000 seeded clusters lose, regain and replace hosts while rollouts, scale-downs, windows and "
      + "time act in random order, then no replacement decision breaks an invariant and every run heals")
  void invariantsHoldOverSeededRuns() {
    int replaced = 0;
    for (long seed = 1; seed <= 2_000; seed++) {
      replaced += new Run(seed).play();
    }
    assertThat(replaced).as("the runs replaced hosts at all").isGreaterThan(2_000);
  }

  private static final class SimHost {
    final String name;
    HostRole role;
    boolean owned;
    boolean dead;
    boolean joining;
    boolean resetting;
    boolean requested;
    Instant claimedAt;
    String replaces;

    SimHost(String name) {
      this.name = name;
    }

    HostView view() {
      HostPlan plan = new HostPlan();
      plan.setCluster(CLUSTER);
      plan.setGeneration(1L);
      plan.setAction(owned ? HostPlan.Action.Join : HostPlan.Action.Reset);
      Phase phase = dead ? Phase.Unreachable : owned ? (joining ? Phase.Provisioning : Phase.Running)
          : resetting ? Phase.Provisioning : Phase.Available;
      return new HostView(name, Map.of(), phase, owned ? CLUSTER : null, owned ? role : null,
          owned || resetting ? plan : null, "1.0.0", null, null, owned ? claimedAt : null, owned ? replaces : null,
          requested);
    }
  }

  private static final class Run {
    final long seed;
    final Random random;
    final int maxUnavailable;
    final Settings settings;
    final List<SimHost> hosts = new ArrayList<>();
    final List<Instant> automaticStarts = new ArrayList<>();
    Map<String, Instant> unhealthySince = new HashMap<>();
    List<HostReplacement> history = new ArrayList<>();
    Instant now = T0;
    Rollout rollout = Rollout.NONE;
    boolean scalingDown;
    boolean windowOpen = true;
    int spares;
    int replaced;
    Optional<ClusterVerdict> lastVerdict = Optional.empty();

    Run(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      this.maxUnavailable = 1 + random.nextInt(3);
      this.settings = new Settings(Mode.AUTOMATIC, TIMEOUT, 1 + random.nextInt(3));
      int controlPlane = random.nextBoolean() ? 1 : 3;
      int workers = 1 + random.nextInt(6);
      for (int i = 0; i < controlPlane; i++) {
        hosts.add(owned("cp-" + i, HostRole.CONTROL_PLANE));
      }
      for (int i = 0; i < workers; i++) {
        hosts.add(owned("w-" + i, HostRole.WORKER));
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        addSpare();
      }
    }

    SimHost owned(String name, HostRole role) {
      SimHost host = new SimHost(name);
      host.role = role;
      host.owned = true;
      host.claimedAt = T0.minus(Duration.ofDays(1));
      return host;
    }

    void addSpare() {
      hosts.add(new SimHost("spare-" + spares++));
    }

    int play() {
      for (int step = 0; step < 250; step++) {
        switch (random.nextInt(10)) {
          case 0, 1, 2 -> reconcile();
          case 3 -> now = now.plus(Duration.ofMinutes(1 + random.nextInt(15)));
          case 4 -> pick(h -> h.owned && !h.dead).ifPresent(h -> h.dead = true);
          case 5 -> pick(h -> h.dead).ifPresent(h -> {
            h.dead = false;
            // A released host that comes back applies its Reset plan first.
            h.resetting = !h.owned;
          });
          case 6 -> pick(h -> h.joining || h.resetting).ifPresent(h -> {
            h.joining = false;
            h.resetting = false;
          });
          case 7 -> {
            if (random.nextInt(3) == 0) {
              addSpare();
            } else {
              pick(h -> true).ifPresent(h -> h.requested = random.nextInt(4) == 0);
            }
          }
          case 8 -> windowOpen = !windowOpen;
          default -> worldActs();
        }
      }
      // Everything the operator waits for comes: a window, spares, time; dead hosts stay dead.
      windowOpen = true;
      rollout = Rollout.NONE;
      scalingDown = false;
      hosts.forEach(h -> h.requested = false);
      for (int round = 0; round < 60; round++) {
        hosts.forEach(h -> {
          h.joining = false;
          h.resetting = false;
        });
        if (hosts.stream().noneMatch(h -> !h.owned && !h.dead && !h.resetting)) {
          addSpare();
        }
        now = now.plus(Duration.ofMinutes(20));
        reconcile();
      }
      List<SimHost> stillDead = hosts.stream().filter(h -> h.owned && h.dead).toList();
      long controlPlanes = hosts.stream().filter(h -> h.owned && h.role == HostRole.CONTROL_PLANE).count();
      long deadControlPlanes = stillDead.stream().filter(h -> h.role == HostRole.CONTROL_PLANE).count();
      // Only a control plane too small, or one that lost its quorum, keeps a dead host: joining needs healthy peers.
      assertThat(stillDead).as("seed " + seed + ": every replaceable dead host was replaced; the cluster says "
              + lastVerdict.map(ClusterVerdict::message).orElse("nothing"))
          .allMatch(h -> h.role == HostRole.CONTROL_PLANE && (controlPlanes < 3 || deadControlPlanes >= 2));
      return replaced;
    }

    /** A rollout begins, ends or is announced; a scale-down begins or ends. */
    void worldActs() {
      switch (random.nextInt(3)) {
        case 0 -> rollout = rollout == Rollout.NONE ? Rollout.DUE : rollout;
        case 1 -> rollout = rollout == Rollout.UNDER_WAY ? Rollout.NONE : rollout;
        default -> scalingDown = random.nextInt(3) == 0;
      }
    }

    void reconcile() {
      List<HostView> views = hosts.stream().map(SimHost::view).toList();
      List<Replacement> before = RemediationPlanner.underWay(CLUSTER, views);
      Decision d = RemediationPlanner.decide(new RemediationPlanner.Input(CLUSTER, settings, maxUnavailable, true,
          rollout, scalingDown, new ScalePlanner.Window(windowOpen, Optional.empty()), null, null, views,
          unhealthySince, history, Set.of(), now));
      String at = "seed " + seed + " at " + now + ": ";
      lastVerdict = d.verdict();

      for (String released : d.releases()) {
        Optional<Replacement> abandoned = d.abandoned().stream().filter(u -> u.spare().equals(released)).findFirst();
        if (abandoned.isPresent()) {
          assertThat(host(released).dead).as(at + "spare " + released + " given up though alive").isTrue();
          assertThat(unhealthySince.get(released).plus(TIMEOUT)).as(at + "spare given up before its timeout")
              .isBeforeOrEqualTo(now);
          continue;
        }
        Replacement r = before.stream().filter(u -> u.host().equals(released)).findFirst().orElseThrow();
        assertThat(host(r.spare()).owned && !host(r.spare()).joining && !host(r.spare()).dead)
            .as(at + released + " released before its spare " + r.spare() + " ran").isTrue();
      }
      if (!d.claims().isEmpty()) {
        assertThat(windowOpen).as(at + "a replacement outside the window").isTrue();
        assertThat(rollout).as(at + "a replacement during a rollout").isEqualTo(Rollout.NONE);
        assertThat(scalingDown).as(at + "a replacement during a scale-down").isFalse();
        assertThat(before.size() - d.abandoned().size() + d.claims().size()).as(at + "replacements under way")
            .isLessThanOrEqualTo(maxUnavailable);
        assertThat(d.claims().stream().filter(c -> c.role() == HostRole.CONTROL_PLANE).count())
            .as(at + "control-plane replacements begun in one round").isLessThanOrEqualTo(1);
      }
      for (Replacement claim : d.claims()) {
        SimHost spare = host(claim.spare());
        SimHost old = host(claim.host());
        assertThat(!spare.owned && !spare.dead && !spare.resetting && !spare.requested)
            .as(at + claim.spare() + " claimed though not an Available spare").isTrue();
        assertThat(old.owned).as(at + "replaced a host outside the cluster").isTrue();
        if (claim.reason() == HostReplacement.Reason.Unhealthy) {
          assertThat(old.dead).as(at + claim.host() + " replaced though healthy").isTrue();
          assertThat(unhealthySince.getOrDefault(claim.host(), now).plus(TIMEOUT))
              .as(at + claim.host() + " replaced before its timeout").isBeforeOrEqualTo(now);
          automaticStarts.add(now);
        }
        if (claim.role() == HostRole.CONTROL_PLANE) {
          List<SimHost> peers = hosts.stream().filter(h -> h.owned && h.role == HostRole.CONTROL_PLANE
              && !h.name.equals(claim.host())).toList();
          assertThat(peers.size()).as(at + "control plane too small to replace in").isGreaterThanOrEqualTo(2);
          assertThat(peers).as(at + "a control-plane replacement while a peer is unhealthy or joining")
              .allMatch(h -> !h.dead && !h.joining);
        }
      }
      long inHour = automaticStarts.stream().filter(t -> t.isAfter(now.minus(Duration.ofHours(1)))).count();
      assertThat(inHour).as(at + "automatic replacements begun in the last hour")
          .isLessThanOrEqualTo(settings.maxReplacements());
      if (rollout == Rollout.DUE) {
        assertThat(d.holdsRollout()).as(at + "a due rollout held exactly while replacements are under way")
            .isEqualTo(!before.isEmpty());
        if (!d.holdsRollout()) {
          rollout = Rollout.UNDER_WAY;
        }
      }

      // Applied as the reconciler writes them: claims, then releases; then the status of the round.
      for (Replacement claim : d.claims()) {
        SimHost spare = host(claim.spare());
        spare.owned = true;
        spare.joining = true;
        spare.role = claim.role();
        spare.claimedAt = now;
        spare.replaces = claim.host();
        replaced++;
      }
      for (String released : d.releases()) {
        SimHost old = host(released);
        old.owned = false;
        old.resetting = !old.dead;
        old.replaces = null;
      }
      unhealthySince = new HashMap<>(d.unhealthySince());
      List<HostView> after = hosts.stream().map(SimHost::view).toList();
      history = new ArrayList<>(RemediationPlanner.records(history, RemediationPlanner.underWay(CLUSTER, after),
          hosts.stream().filter(h -> h.claimedAt != null).collect(Collectors.toMap(h -> h.name, h -> h.claimedAt)),
          now));
    }

    SimHost host(String name) {
      return hosts.stream().filter(h -> h.name.equals(name)).findFirst().orElseThrow();
    }

    Optional<SimHost> pick(Predicate<SimHost> which) {
      List<SimHost> candidates = hosts.stream().filter(which).toList();
      return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }
  }
}
