package dev.lifecycle.edge.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  @DisplayName("When a Kubernetes duration is given, then it parses to the same span")
  void parsesKubernetesDurations() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("168h")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2m3s")).isEqualTo(Duration.ofSeconds(123));
    assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "10 minutes", "1d", "-5m", "m", "1h 30m", "PT5S", "5ns"})
  @DisplayName("When the text is not a duration, then the error names it and shows the expected form")
  void rejectsOtherText(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration")
        .hasMessageContaining("90s, 30m, 24h");
  }

  @Test
  @DisplayName("When no duration is set, then the default applies")
  void defaultWhenAbsent() {
    assertThat(Durations.parseOrDefault(null, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  @DisplayName("When a duration is shown to a user or sent to an agent, then it reads the Kubernetes way")
  void formats() {
    assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("168h");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
