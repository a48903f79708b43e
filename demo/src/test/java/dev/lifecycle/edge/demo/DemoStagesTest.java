package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.FaultInjection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoStagesTest {

  @Test
  @DisplayName("When the demo has a single host, then the scale-down and the replacement are skipped with a line "
      + "each saying why")
  void singleHostSkipsDayTwo() {
    assertThat(DemoStages.skipped(options(1))).containsExactly(
        "Scale down skipped: with --hosts 1 the cluster has no worker to release (--hosts 2 or more shows it)",
        "Replace a host skipped: with --hosts 1 the cluster has no worker to replace and no spare host (--hosts 3 or "
            + "more shows it)");
  }

  @Test
  @DisplayName("When the demo has two hosts, then the scale-down runs and the replacement is skipped: the "
      + "scale-down leaves no worker to replace")
  void twoHostsSkipTheReplacement() {
    assertThat(DemoStages.skipped(options(2))).containsExactly("Replace a host skipped: with --hosts 2 no worker is "
        + "left after the scale-down to replace with the spare it releases (--hosts 3 or more shows it)");
  }

  @Test
  @DisplayName("When the demo has three hosts, then every stage runs")
  void threeHostsRunEveryStage() {
    assertThat(DemoStages.skipped(options(3))).isEmpty();
  }

  private static DemoOptions options(int hosts) {
    return new DemoOptions(hosts, Duration.ofMillis(200), Duration.ofSeconds(60), false, false, false,
        Optional.empty(), FaultInjection.NONE);
  }
}
