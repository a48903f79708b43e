package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.FaultInjection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoStagesTest {

  @Test
  @DisplayName("When the demo has a single host, then the scale-down is skipped with a line saying why; with a "
      + "worker it runs")
  void scaleDownNeedsAWorker() {
    assertThat(DemoStages.skipped(options(1))).hasValue("Scale down skipped: with --hosts 1 the cluster has no "
        + "worker to release (--hosts 2 or more shows it)");
    assertThat(DemoStages.skipped(options(2))).isEmpty();
  }

  private static DemoOptions options(int hosts) {
    return new DemoOptions(hosts, Duration.ofMillis(200), Duration.ofSeconds(60), false, false, false,
        Optional.empty(), FaultInjection.NONE);
  }
}
