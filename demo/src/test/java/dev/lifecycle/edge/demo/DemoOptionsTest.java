package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
