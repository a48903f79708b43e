package dev.lifecycle.edge.site.ui.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SizeWordsTest {

  @Test
  @DisplayName("Sizes read in decimal units with one decimal below 100 and none above; bytes below 1000 as bytes")
  void words() {
    assertThat(SizeWords.of(0)).isEqualTo("0 bytes");
    assertThat(SizeWords.of(1)).isEqualTo("1 byte");
    assertThat(SizeWords.of(999)).isEqualTo("999 bytes");
    assertThat(SizeWords.of(1000)).isEqualTo("1.0 kB");
    assertThat(SizeWords.of(4_240)).isEqualTo("4.2 kB");
    assertThat(SizeWords.of(1_500_000)).isEqualTo("1.5 MB");
    assertThat(SizeWords.of(312_400_000)).isEqualTo("312 MB");
    assertThat(SizeWords.of(999_960)).as("rounds up into the next unit, not '1000.0 kB'").isEqualTo("1.0 MB");
    assertThat(SizeWords.of(64L << 20)).isEqualTo("67.1 MB");
    assertThat(SizeWords.of(8_589_934_592L)).isEqualTo("8.6 GB");
    assertThat(SizeWords.of(Long.MAX_VALUE)).endsWith(" PB");
  }

  @Test
  @DisplayName("A negative size is refused")
  void negative() {
    assertThatThrownBy(() -> SizeWords.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
