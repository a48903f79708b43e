package dev.lifecycle.edge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.benchmarks.FleetFigures.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetTargetsTest {

  private static FleetFigures completed() {
    FleetFigures figures = new FleetFigures(10_000, 2_000, 20);
    for (Phase phase : Phase.values()) {
      figures.durations.put(phase, Duration.ofSeconds(1));
    }
    figures.heapAfterUpgradeMiB = 300;
    figures.heapAfterSteadyMiB = 280;
    figures.writesPerHost = 12;
    figures.steadyWritesPerHostMinute = 0.9;
    figures.restartSeconds = 20;
    figures.health = new HealthSampler.Figures(new HealthSampler.Latency(100, 40, 10),
        new HealthSampler.Latency(100, 60, 12), 3, java.util.Map.of(), null);
    return figures;
  }

  private static List<String> verdicts(FleetFigures figures) {
    return FleetTargets.ALL.stream().map(t -> t.verdict(figures)).toList();
  }

  @Test
  void aRunWithinEveryTargetPassesEach() {
    assertThat(verdicts(completed())).containsOnly("PASS");
  }

  @Test
  void eachFigureOverItsTargetFailsThatTargetOnly() {
    FleetFigures heavy = completed();
    heavy.heapAfterSteadyMiB = 513;
    assertThat(verdicts(heavy)).containsExactly("PASS", "FAIL", "PASS", "PASS", "PASS", "PASS");
    FleetFigures chatty = completed();
    chatty.writesPerHost = 15.1;
    chatty.steadyWritesPerHostMinute = 1.2;
    assertThat(verdicts(chatty)).containsExactly("PASS", "PASS", "FAIL", "FAIL", "PASS", "PASS");
    FleetFigures slow = completed();
    slow.restartSeconds = 31;
    slow.health = new HealthSampler.Figures(new HealthSampler.Latency(100, 40, 10),
        new HealthSampler.Latency(100, 101, 12), 0, java.util.Map.of(), null);
    assertThat(verdicts(slow)).containsExactly("PASS", "PASS", "PASS", "PASS", "FAIL", "FAIL");
  }

  @Test
  void aStuckPhaseFailsCompletionAndLeavesWhatWasNeverMeasuredUnjudged() {
    FleetFigures stuck = new FleetFigures(10_000, 2_000, 20);
    stuck.durations.put(Phase.REGISTER, Duration.ofSeconds(100));
    stuck.stuck = Optional.of("form: 358/2000 formed on 1.0.0 after 900 s");
    stuck.health = new HealthSampler.Figures(new HealthSampler.Latency(10, 5, 5),
        new HealthSampler.Latency(10, 5, 5), 0, java.util.Map.of(), null);
    assertThat(verdicts(stuck)).containsExactly("FAIL", "-", "-", "-", "-", "PASS");
    assertThat(FleetTargets.ALL.get(0).figure().apply(stuck)).contains("358/2000");
  }
}
