package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StageStatusTest {

  @Test
  @DisplayName("When a status is built by its factories, then each has its state and is counted only with a total")
  void factories() {
    assertThat(StageStatus.waiting("w").state()).isEqualTo(StageStatus.State.WAITING);
    assertThat(StageStatus.waiting("w").counted()).isFalse();
    assertThat(StageStatus.waiting("w", 2, 5).counted()).isTrue();
    assertThat(StageStatus.done("d").state()).isEqualTo(StageStatus.State.DONE);
    assertThat(StageStatus.failed("f").state()).isEqualTo(StageStatus.State.FAILED);
    assertThat(StageStatus.failed("f").line()).isEqualTo("f");
  }

  @Test
  @DisplayName("When notes are added, then state, line and counts stay, and later changes to the list do not leak in")
  void notes() {
    List<String> notes = new ArrayList<>(List.of("layer k3s changes"));
    StageStatus status = StageStatus.waiting("w", 1, 3).withNotes(notes);
    notes.add("later");

    assertThat(status.notes()).containsExactly("layer k3s changes");
    assertThat(status.done()).isEqualTo(1);
    assertThat(status.total()).isEqualTo(3);
    assertThat(status.state()).isEqualTo(StageStatus.State.WAITING);
  }

  @Test
  @DisplayName("When a status has no state or no line, then it is refused")
  void required() {
    assertThatThrownBy(() -> new StageStatus(null, "x", 0, 0, List.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new StageStatus(StageStatus.State.DONE, null, 0, 0, List.of()))
        .isInstanceOf(NullPointerException.class);
  }
}
