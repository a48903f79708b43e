package dev.lifecycle.edge.agent.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeDurationTest {

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"90s, 90000", "30m, 1800000", "24h, 86400000", "168h, 604800000", "1h30m, 5400000",
      "500ms, 500", "1.5h, 5400000", "0s, 0", "2m3s, 123000"})
  @DisplayName("When a Kubernetes-style duration is parsed, then it has the length it says")
  void parses(String text, long millis) {
    assertThat(KubeDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"", "10", "5d", "-5s", "s", "1h 30m", "PT5S", "5 s"})
  @DisplayName("When a text is not a Kubernetes-style duration, then parsing names the expected form")
  void refuses(String text) {
    assertThatThrownBy(() -> KubeDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration")
        .hasMessageContaining("90s, 30m, 24h");
  }

  @ParameterizedTest(name = "{0} ms is {1}")
  @CsvSource({"90000, 1m30s", "1800000, 30m", "86400000, 24h", "0, 0s", "1500, 1s500ms", "5400000, 1h30m"})
  @DisplayName("When a duration is formatted, then it reads in the Kubernetes form, largest units first")
  void formats(long millis, String text) {
    assertThat(KubeDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
