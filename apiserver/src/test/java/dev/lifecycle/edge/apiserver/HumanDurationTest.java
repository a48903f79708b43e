package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

  @Test
  @DisplayName("When an age is shown, then it reads as kubectl shows ages, coarser as it grows")
  void ages() {
    assertThat(HumanDuration.of(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(HumanDuration.of(Duration.ofMillis(-500))).isEqualTo("0s");
    assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(HumanDuration.of(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanDuration.of(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(HumanDuration.of(Duration.ofMinutes(4))).isEqualTo("4m");
    assertThat(HumanDuration.of(Duration.ofMinutes(42).plusSeconds(9))).isEqualTo("42m");
    assertThat(HumanDuration.of(Duration.ofMinutes(310))).isEqualTo("5h10m");
    assertThat(HumanDuration.of(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanDuration.of(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(HumanDuration.of(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(HumanDuration.of(Duration.ofDays(365 * 3 + 10))).isEqualTo("3y10d");
    assertThat(HumanDuration.of(Duration.ofDays(365 * 9))).isEqualTo("9y");
  }
}
