package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WakeUpWheelTest {

  private final WakeUpWheel<String> wheel = new WakeUpWheel<>(250);

  @Test
  @DisplayName("When a wake-up is set, then it comes in the tick at or after its time, never before")
  void neverEarly() {
    wheel.wakeAt("a", 1_100);
    assertThat(wheel.due(1_100)).isEmpty();
    assertThat(wheel.due(1_249)).isEmpty();
    assertThat(wheel.due(1_250)).containsExactly("a");
    assertThat(wheel.due(5_000)).isEmpty();
  }

  @Test
  @DisplayName("When a key's wake-up is set again and again, then it holds one entry and wakes once, at the last time")
  void movedNotAdded() {
    for (int beat = 0; beat < 1_000; beat++) {
      wheel.wakeAt("a", 90_000 + beat * 30_000L);
    }
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(wheel.due(90_000 + 998 * 30_000L)).isEmpty();
    assertThat(wheel.due(90_000 + 999 * 30_000L)).containsExactly("a");
    assertThat(wheel.size()).isZero();
  }

  @Test
  @DisplayName("When a wake-up is cancelled, then it never comes")
  void cancelled() {
    wheel.wakeAt("a", 1_000);
    wheel.wakeAt("b", 1_000);
    wheel.cancel("a");
    wheel.cancel("unknown");
    assertThat(wheel.due(2_000)).containsExactly("b");
    assertThat(wheel.size()).isZero();
  }

  @Test
  @DisplayName("When several are due, then all come in one look, earliest first")
  void earliestFirst() {
    wheel.wakeAt("late", 3_000);
    wheel.wakeAt("early", 1_000);
    wheel.wakeAt("later", 9_000);
    assertThat(wheel.due(3_000)).containsExactly("early", "late");
    assertThat(wheel.size()).isEqualTo(1);
  }

  @Test
  void aTickUnderOneMillisecondIsRefused() {
    assertThatThrownBy(() -> new WakeUpWheel<String>(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 ms");
  }
}
