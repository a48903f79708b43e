package dev.lifecycle.edge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The stages the demo runs, in lifecycle order. */
final class DemoStages {

  private DemoStages() {
  }

  static List<Stage> plan(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    List<Stage> stages = new ArrayList<>(List.of(
        new TokenStage(environment.client(), environment.namespace(), samples, environment::gatewayKnowsToken),
        new RegistrationStage(environment, samples, options),
        new FormationStage(environment.client(), environment.namespace(), samples),
        new UpgradeStage(environment.client(), environment.namespace(), samples)));
    if (skipped(options).isEmpty()) {
      stages.add(new ScaleDownStage(environment.client(), environment.namespace(), samples));
    }
    return stages;
  }

  /** Why a stage is left out of the plan, for a line of its own; empty when every stage runs. */
  static Optional<String> skipped(DemoOptions options) {
    if (options.workers() < 1) {
      return Optional.of(StageName.SCALE_DOWN.title() + " skipped: with --hosts " + options.hosts() + " the cluster "
          + "has no worker to release (--hosts 2 or more shows it)");
    }
    return Optional.empty();
  }
}
