package dev.lifecycle.edge.agent.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  @DisplayName("When attempts keep failing with the largest jitter, then delays double from 1 s and stay at 60 s")
  void doublesUpToTheMaximum() {
    Backoff backoff = new Backoff(Backoff.DEFAULT_INITIAL, Backoff.DEFAULT_MAX, () -> 1.0);

    assertThat(seconds(backoff, 9)).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  @DisplayName("When the jitter is smallest, then each delay is half its base")
  void jitterHalvesAtMost() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);

    assertThat(millis(backoff, 8)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
  }

  @Test
  @DisplayName("When the jitter is in between, then the delay lies between half the base and the base")
  void jitterInBetween() {
    Backoff backoff = new Backoff(Duration.ofSeconds(4), Duration.ofSeconds(60), () -> 0.25);

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  @DisplayName("When an attempt succeeds, then the next failure starts again from the first delay")
  void resetStartsOver() {
    Backoff backoff = new Backoff(Backoff.DEFAULT_INITIAL, Backoff.DEFAULT_MAX, () -> 1.0);
    seconds(backoff, 5);
    assertThat(backoff.failing()).isTrue();

    backoff.reset();

    assertThat(backoff.failing()).isFalse();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("When the bounds make no sense, then the backoff is refused")
  void refusesBadBounds() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> seconds(Backoff backoff, int count) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.next().toSeconds());
    }
    return delays;
  }

  private static List<Long> millis(Backoff backoff, int count) {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.next().toMillis());
    }
    return delays;
  }
}
