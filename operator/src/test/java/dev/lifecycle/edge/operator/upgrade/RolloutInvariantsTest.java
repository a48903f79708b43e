package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RolloutInvariantsTest {

  private enum Ending { COMPLETE, ROLLED_BACK, STALLED }

  @Test
  @DisplayName("When 5,000 seeded clusters roll out with agents, network, humans and maintenance windows opening "
      + "and closing in random order, then no decision breaks an invariant, no forward batch starts outside a "
      + "window, and every rollout ends")
  void invariantsHoldOverSeededRuns() {
    Map<Ending, Integer> endings = new EnumMap<>(Ending.class);
    int windowWaits = 0;
    int closedWhileInFlight = 0;
    for (long seed = 1; seed <= 5_000; seed++) {
      RolloutSimulation simulation = new RolloutSimulation(seed);
      RolloutDecision end = simulation.run(400);
      endings.merge(ending(seed, end), 1, Integer::sum);
      windowWaits += simulation.windowWaits();
      closedWhileInFlight += simulation.closedWhileInFlight();
    }
    // The seeds cover every way a rollout ends, so the invariants were checked on each path.
    assertThat(endings.keySet()).containsExactlyInAnyOrder(Ending.values());
    assertThat(windowWaits).as("rounds held for a maintenance window").isGreaterThan(1_000);
    assertThat(closedWhileInFlight).as("rounds with a window closed while a batch was in flight").isGreaterThan(100);
  }

  @Test
  @DisplayName("When 2,000 seeded clusters roll out a change of their variable values (versions that differ only "
      + "in the values' digest), then no decision breaks an invariant and every rollout ends, as for a profile change")
  void invariantsHoldForValueChanges() {
    Map<Ending, Integer> endings = new EnumMap<>(Ending.class);
    for (long seed = 1; seed <= 2_000; seed++) {
      RolloutDecision end = new RolloutSimulation(seed, "1.0.0+vars.0123456789abcdef", "1.0.0+vars.fedcba9876543210")
          .run(400);
      endings.merge(ending(seed, end), 1, Integer::sum);
    }
    assertThat(endings.keySet()).containsExactlyInAnyOrder(Ending.values());
  }

  private static Ending ending(long seed, RolloutDecision end) {
    if (end instanceof RolloutDecision.Complete) {
      return Ending.COMPLETE;
    }
    if (end instanceof RolloutDecision.RolledBack) {
      return Ending.ROLLED_BACK;
    }
    if (end instanceof RolloutDecision.Stall) {
      return Ending.STALLED;
    }
    throw new AssertionError("seed " + seed + ": the rollout never ended, last decision " + end);
  }
}
