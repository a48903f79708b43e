package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Move;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A cluster whose agents, network and operator act in an order chosen by a seeded random source:
 * agents finish (or fail) in any order, hosts drop off and come back, a human pauses and unpauses,
 * time jumps past timeouts, the operator reconciles whenever. Every decision the planner takes is
 * checked against the rollout invariants before it is applied. The planner keeps no memory, and
 * everything it reads is what the operator persists, so every reconcile is also an operator restart.
 *
 * <p>Two seeds in three have maintenance windows (drawn from a random source of their own, so that the other
 * draws of a seed stay as they were): the clock then also jumps to a window's opening or past its end, and no
 * forward batch may start while every window is closed.
 */
final class RolloutSimulation {

  static final String FROM = "1.0.0";
  static final String TO = "1.1.0";

  private final String from;
  private final String to;

  private final Random random;
  private final int maxUnavailable;
  private final FailurePolicy onFailure;
  private final Duration hostTimeout = Duration.ofMinutes(10);
  private final Map<String, SimHost> hosts = new LinkedHashMap<>();
  private final Set<String> failOnTarget = new HashSet<>();
  private Instant now = Instant.parse("2026-11-24T08:00:00Z");
  private boolean paused;
  private boolean rollingBack;
  private int moves;
  private RolloutDecision last;
  private final Random windowRandom;
  private final MaintenanceWindows windows;
  private int windowWaits;
  private int closedWhileInFlight;

  /** A host's facts, as the operator would read them from status. */
  static final class SimHost {
    final String name;
    final HostRole role;
    String planVersion;
    boolean healthy = true;
    boolean failed;
    boolean unreachable;
    boolean applying;
    Instant movedAt;
    int moveOrder = -1;

    SimHost(String name, HostRole role, String version) {
      this.name = name;
      this.role = role;
      this.planVersion = version;
    }

    RolloutHost view() {
      HostHealth health = failed ? HostHealth.FAILED : unreachable ? HostHealth.UNREACHABLE
          : healthy ? HostHealth.HEALTHY : HostHealth.APPLYING;
      return new RolloutHost(name, role, planVersion, health, null,
          moveOrder < 0 ? Optional.empty() : Optional.of(new RolloutHost.Move(moveOrder, movedAt)));
    }
  }

  RolloutSimulation(long seed) {
    this(seed, FROM, TO);
  }

  /**
   * A simulation between two versions of any shape: a profile change (1.0.0 to 1.1.0), or a change of a
   * cluster's variable values (1.0.0+vars.DIGEST to 1.0.0+vars.OTHER), which the planner must treat alike.
   */
  RolloutSimulation(long seed, String from, String to) {
    this.from = from;
    this.to = to;
    random = new Random(seed);
    windowRandom = new Random(seed * 31 + 7);
    windows = randomWindows(windowRandom);
    int controlPlane = random.nextBoolean() ? 1 : 3;
    int workers = random.nextInt(13);
    for (int i = 0; i < controlPlane; i++) {
      hosts.put("cp-" + i, new SimHost("cp-" + i, HostRole.CONTROL_PLANE, from));
    }
    for (int i = 0; i < workers; i++) {
      hosts.put("w-" + (char) ('a' + i), new SimHost("w-" + (char) ('a' + i), HostRole.WORKER, from));
    }
    maxUnavailable = 1 + random.nextInt(4);
    onFailure = random.nextBoolean() ? FailurePolicy.Pause : FailurePolicy.Rollback;
    if (random.nextInt(3) == 0) {
      List<String> names = new ArrayList<>(hosts.keySet());
      failOnTarget.add(names.get(random.nextInt(names.size())));
    }
  }

  /** Runs until the rollout ends; returns how it ended. */
  RolloutDecision run(int maxSteps) {
    for (int step = 0; step < maxSteps; step++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> reconcile();
        case 2 -> finishOneApply();
        case 3 -> network();
        case 4 -> pauseOrResume();
        default -> now = now.plus(Duration.ofMinutes(random.nextInt(3)));
      }
      if (!windows.always() && windowRandom.nextInt(8) == 0) {
        moveClockAcrossWindows();
      }
      if (ended()) {
        return last;
      }
    }
    paused = false;
    for (SimHost host : hosts.values()) {
      host.unreachable = false;
    }
    for (int step = 0; step < 10_000 && !ended(); step++) {
      if (step % 2 == 0) {
        reconcile();
      } else {
        finishOneApply();
        now = last instanceof RolloutDecision.WaitForWindow wait ? wait.opensAt() : now.plus(Duration.ofSeconds(30));
      }
    }
    return last;
  }

  private boolean ended() {
    return last instanceof RolloutDecision.Complete || last instanceof RolloutDecision.RolledBack
        || last instanceof RolloutDecision.Stall;
  }

  /** How often the planner held a rollout for a window, and how often a window was closed with hosts in flight. */
  int windowWaits() {
    return windowWaits;
  }

  int closedWhileInFlight() {
    return closedWhileInFlight;
  }

  /** None for one seed in three; else one to three weekly windows of 10 minutes to 6 hours in assorted zones. */
  private static MaintenanceWindows randomWindows(Random random) {
    if (random.nextInt(3) == 0) {
      return MaintenanceWindows.ALWAYS;
    }
    List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");
    List<MaintenanceWindow> spec = new ArrayList<>();
    for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
      List<String> days = MaintenanceWindow.DAYS.stream().filter(d -> random.nextInt(3) == 0).toList();
      spec.add(new MaintenanceWindow(days.isEmpty() ? List.of("Sun") : days,
          String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)),
          (10 + random.nextInt(351)) + "m", zones.get(random.nextInt(zones.size()))));
    }
    return MaintenanceWindows.parse(spec);
  }

  /** The clock jumps: into the next window when all are closed; else on by up to 90 minutes, often past its end. */
  private void moveClockAcrossWindows() {
    if (windows.openAt(now)) {
      now = now.plus(Duration.ofMinutes(windowRandom.nextInt(91)));
    } else {
      now = windows.nextOpening(now).orElseThrow().plus(Duration.ofMinutes(windowRandom.nextInt(3)));
    }
  }

  private RolloutState state() {
    boolean open = windows.openAt(now);
    if (!open && hosts.values().stream().anyMatch(h -> h.applying)) {
      closedWhileInFlight++;
    }
    return new RolloutState(from, to, rollingBack, hosts.values().stream().map(SimHost::view).toList(),
        maxUnavailable, paused, onFailure, hostTimeout, now, open ? Optional.empty() : windows.nextOpening(now));
  }

  private void reconcile() {
    RolloutState state = state();
    RolloutDecision decision = RolloutPlanner.decide(state);
    last = decision;
    if (decision instanceof RolloutDecision.WaitForWindow wait) {
      windowWaits++;
      assertThat(windows.openAt(now)).as("waits for a window only while every window is closed").isFalse();
      assertThat(wait.opensAt()).isEqualTo(windows.nextOpening(now).orElseThrow());
      assertThat(hosts.values()).as("a batch in flight finishes before the rollout waits for a window")
          .noneMatch(h -> h.view().inFlightTo(TO));
    }
    if (decision instanceof Move move) {
      assertMoveKeepsInvariants(state, move);
      for (String name : move.hosts()) {
        SimHost host = hosts.get(name);
        host.planVersion = move.version();
        host.healthy = false;
        host.failed = false;
        host.applying = true;
        host.movedAt = now;
        if (!rollingBack) {
          host.moveOrder = moves++;
        }
      }
    } else if (decision instanceof RolloutDecision.StartRollback) {
      assertThat(onFailure).isEqualTo(FailurePolicy.Rollback);
      rollingBack = true;
    } else if (decision instanceof RolloutDecision.Complete) {
      assertThat(hosts.values()).allSatisfy(h -> assertThat(h.view().healthyOn(to)).isTrue());
    } else if (decision instanceof RolloutDecision.RolledBack) {
      assertThat(hosts.values()).allSatisfy(h -> assertThat(h.view().healthyOn(from)).isTrue());
    }
  }

  private void assertMoveKeepsInvariants(RolloutState state, Move move) {
    List<RolloutHost> all = state.hosts();
    List<RolloutHost> batch = all.stream().filter(h -> move.hosts().contains(h.name())).toList();
    assertThat(move.version()).isEqualTo(state.destination());
    assertThat(state.paused()).as("no batch starts while paused").isFalse();
    if (!state.rollingBack()) {
      assertThat(windows.openAt(state.now())).as("no forward batch starts outside the maintenance windows at %s",
          state.now()).isTrue();
    }
    assertThat(batch).as("a host moves only away from where it is").allSatisfy(h ->
        assertThat(h.on(state.destination())).isFalse());

    // 1. never past maxUnavailable: only hosts still in service cost budget.
    long outOfService = all.stream().filter(RolloutHost::outOfService).count();
    long taken = batch.stream().filter(h -> !h.outOfService()).count();
    assertThat(outOfService + taken).as("out of service after the move").isLessThanOrEqualTo(
        Math.max(state.maxUnavailable(), outOfService));

    // 2. control plane one at a time, never beside an unhealthy control-plane host; workers after it.
    if (batch.stream().anyMatch(RolloutHost::isControlPlane)) {
      assertThat(batch).hasSize(1);
      assertThat(all).filteredOn(h -> h.isControlPlane() && !move.hosts().contains(h.name()))
          .allSatisfy(h -> assertThat(h.healthy()).as("peer %s", h.name()).isTrue());
    }
    if (!state.rollingBack() && batch.stream().anyMatch(h -> !h.isControlPlane())) {
      assertThat(all).filteredOn(RolloutHost::isControlPlane)
          .allSatisfy(h -> assertThat(h.healthyOn(to)).as("control plane first: %s", h.name()).isTrue());
    }

    // 3. every host moved before is healthy on its new version.
    assertThat(all).filteredOn(h -> h.moved() && h.on(state.destination()))
        .allSatisfy(h -> assertThat(h.healthy()).as("moved earlier: %s", h.name()).isTrue());

    // 5. back, newest first: nothing moved later than a batch host is still on the new version.
    if (state.rollingBack()) {
      int oldestInBatch = batch.stream().mapToInt(RolloutHost::moveOrder).min().orElseThrow();
      assertThat(all).filteredOn(h -> h.moved() && h.moveOrder() > oldestInBatch && !move.hosts().contains(h.name()))
          .allSatisfy(h -> assertThat(h.on(from)).as("moved after, already back: %s", h.name()).isTrue());
    }
  }

  private void finishOneApply() {
    List<SimHost> applying = hosts.values().stream().filter(h -> h.applying && !h.unreachable).toList();
    if (applying.isEmpty()) {
      return;
    }
    SimHost host = applying.get(random.nextInt(applying.size()));
    host.applying = false;
    if (host.planVersion.equals(to) && failOnTarget.contains(host.name)) {
      host.failed = true;
    } else {
      host.healthy = true;
    }
  }

  private void network() {
    List<SimHost> all = new ArrayList<>(hosts.values());
    SimHost host = all.get(random.nextInt(all.size()));
    host.unreachable = !host.unreachable && random.nextInt(4) == 0;
  }

  private void pauseOrResume() {
    if (random.nextInt(4) == 0) {
      paused = !paused;
    }
  }
}
