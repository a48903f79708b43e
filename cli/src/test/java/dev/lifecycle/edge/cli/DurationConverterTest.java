package dev.lifecycle.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  @DisplayName("When an option holds a Kubernetes duration, then it converts; otherwise picocli shows the parser's words")
  void converts() {
    assertThat(new DurationConverter().convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> new DurationConverter().convert("5x"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'5x' is not a duration: expected a form such as 90s, 30m, 24h or 1h30m");
  }
}
