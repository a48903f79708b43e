package dev.lifecycle.edge.demo;

import java.util.List;

/** The stages the demo runs, in lifecycle order. */
final class DemoStages {

  private DemoStages() {
  }

  static List<Stage> plan(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    return List.of(
        new TokenStage(environment.client(), environment.namespace(), samples, environment::gatewayKnowsToken),
        new RegistrationStage(environment, samples, options),
        new FormationStage(environment.client(), environment.namespace(), samples),
        new UpgradeStage(environment.client(), environment.namespace(), samples));
  }
}
