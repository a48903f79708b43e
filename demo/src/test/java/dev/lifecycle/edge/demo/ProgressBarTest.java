package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  @DisplayName("When nothing is done, then the bar is empty; when all is done, then it is full")
  void ends() {
    assertThat(ProgressBar.of(0, 5)).isEqualTo("[" + "-".repeat(ProgressBar.WIDTH) + "] 0/5");
    assertThat(ProgressBar.of(5, 5)).isEqualTo("[" + "#".repeat(ProgressBar.WIDTH) + "] 5/5");
  }

  @Test
  @DisplayName("When part is done, then the bar fills in proportion, rounded to the nearest cell")
  void proportion() {
    assertThat(ProgressBar.of(1, 2)).isEqualTo("[" + "#".repeat(12) + "-".repeat(12) + "] 1/2");
    assertThat(ProgressBar.of(1, 5)).startsWith("[#####-").endsWith("] 1/5");
    assertThat(ProgressBar.of(19, 20)).startsWith("[" + "#".repeat(23) + "-]");
  }

  @Test
  @DisplayName("When the count is out of range or nothing is to be done, then the bar stays within its width")
  void outOfRange() {
    assertThat(ProgressBar.of(7, 5)).isEqualTo("[" + "#".repeat(ProgressBar.WIDTH) + "] 7/5");
    assertThat(ProgressBar.of(-1, 5)).isEqualTo("[" + "-".repeat(ProgressBar.WIDTH) + "] -1/5");
    assertThat(ProgressBar.of(0, 0)).isEqualTo("[" + "-".repeat(ProgressBar.WIDTH) + "] 0/0");
  }
}
