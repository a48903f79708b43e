package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.FaultInjection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoOptionsTest {

  @ParameterizedTest(name = "{0} hosts applying in {1} ms: {2} s")
  @CsvSource({
      "1,    1000, 60",
      "5,    1000, 60",
      "15,   1000, 60",
      "16,   1000, 64",
      "100,  1000, 400",
      "100,  200,  320",
      "1000, 1000, 4000"})
  @DisplayName("When no stage timeout is asked for, then it grows with the hosts and their apply time (the upgrade "
      + "takes one host at a time), never below 60 s")
  void derivedStageTimeout(int hosts, long applyMillis, long seconds) {
    assertThat(DemoOptions.derivedStageTimeout(hosts, Duration.ofMillis(applyMillis)))
        .isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "{0} hosts: a heartbeat every {1} ms, Unreachable after {2} ms")
  @CsvSource({
      "1,    2000,  6000",
      "5,    2000,  6000",
      "20,   2000,  6000",
      "50,   5000,  15000",
      "100,  10000, 30000",
      "1000, 10000, 30000"})
  @DisplayName("When the demo starts, then agents report every 100 ms per host within 2 s to 10 s, so that a killed "
      + "host of a small fleet is Unreachable within seconds while a large fleet's heartbeats stay cheap")
  void heartbeatGrowsWithTheFleet(int hosts, long heartbeatMillis, long stalenessMillis) {
    DemoOptions options = new DemoOptions(hosts, Duration.ofSeconds(1), Duration.ofSeconds(60), false, false, false,
        Optional.empty(), FaultInjection.NONE);

    assertThat(options.heartbeat()).isEqualTo(Duration.ofMillis(heartbeatMillis));
    assertThat(options.staleness()).isEqualTo(Duration.ofMillis(stalenessMillis));
  }
}
