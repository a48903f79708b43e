package dev.lifecycle.edge.operator.demo;

import java.util.ArrayList;
import java.util.List;

/** The stages the demo runs, in lifecycle order, up to the last one asked for. */
final class DemoStages {

  private DemoStages() {
  }

  static List<Stage> plan(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    List<Stage> all = List.of(
        new TokenStage(environment.client(), environment.namespace(), samples),
        new RegistrationStage(environment, samples, options),
        new FormationStage(environment.client(), environment.namespace(), samples),
        new UpgradeStage(environment.client(), environment.namespace(), samples));
    List<Stage> planned = new ArrayList<>();
    for (Stage stage : all) {
      if (stage.name().compareTo(options.lastStage()) <= 0) {
        planned.add(stage);
      }
    }
    return planned;
  }
}
