package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  @DisplayName("When the six lifecycle stages finished, then the demo counts seven: the start is a stage it shows")
  void countsTheStartAmongTheStages() {
    List<StageResult> lifecycle = List.of(StageName.TOKEN, StageName.REGISTRATION, StageName.FORMATION,
        StageName.UPGRADE, StageName.SCALE_DOWN, StageName.REPLACE_HOST).stream()
        .map(name -> new StageResult(name, Duration.ofSeconds(1), true, "done")).toList();

    assertThat(Demo.stagesRun(lifecycle)).isEqualTo(StageName.values().length).isEqualTo(7);
  }
}
