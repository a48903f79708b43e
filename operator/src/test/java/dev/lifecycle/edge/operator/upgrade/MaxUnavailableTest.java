package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaxUnavailableTest {

  @Test
  @DisplayName("When maxUnavailable is a count, then it is used as it is; unset means 1")
  void counts() {
    assertThat(MaxUnavailable.resolve("2", 6)).isEqualTo(2);
    assertThat(MaxUnavailable.resolve(null, 6)).isEqualTo(1);
    assertThat(MaxUnavailable.resolve("3", 6)).isEqualTo(3);
  }

  @Test
  @DisplayName("When maxUnavailable is a percentage, then it rounds down with a minimum of 1")
  void percentages() {
    assertThat(MaxUnavailable.resolve("25%", 8)).isEqualTo(2);
    assertThat(MaxUnavailable.resolve("25%", 7)).isEqualTo(1);
    assertThat(MaxUnavailable.resolve("10%", 3)).isEqualTo(1);
    assertThat(MaxUnavailable.resolve("100%", 6)).isEqualTo(6);
  }

  @Test
  @DisplayName("When maxUnavailable is neither, then the error says what is expected")
  void invalid() {
    assertThatThrownBy(() -> MaxUnavailable.resolve("abc", 6)).hasMessageContaining("'abc'");
    assertThatThrownBy(() -> MaxUnavailable.resolve("150%", 6)).hasMessageContaining("1% and 100%");
    assertThatThrownBy(() -> MaxUnavailable.resolve("0", 6)).hasMessageContaining("at least 1");
  }
}
