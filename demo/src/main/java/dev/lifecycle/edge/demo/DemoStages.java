package dev.lifecycle.edge.demo;

import java.util.ArrayList;
import java.util.List;

/** The stages the demo runs, in lifecycle order. */
final class DemoStages {

  /** Hosts the scale-down needs: a control-plane host and a worker to release. */
  static final int SCALE_DOWN_HOSTS = 2;
  /**
   * Hosts the replacement needs: a control-plane host, a worker left after the scale-down to kill, and the worker
   * the scale-down released, which is the spare that replaces it.
   */
  static final int REPLACE_HOSTS = 3;

  private DemoStages() {
  }

  static List<Stage> plan(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    List<Stage> stages = new ArrayList<>(List.of(
        new TokenStage(environment.client(), environment.namespace(), samples, environment::gatewayKnowsToken),
        new RegistrationStage(environment, samples, options),
        new FormationStage(environment.client(), environment.namespace(), samples),
        new UpgradeStage(environment.client(), environment.namespace(), samples)));
    if (options.hosts() >= SCALE_DOWN_HOSTS) {
      stages.add(new ScaleDownStage(environment.client(), environment.namespace(), samples));
    }
    if (options.hosts() >= REPLACE_HOSTS) {
      stages.add(new ReplaceHostStage(environment, samples, options));
    }
    return stages;
  }

  /** Why stages are left out of the plan, a line each; empty when every stage runs. */
  static List<String> skipped(DemoOptions options) {
    List<String> lines = new ArrayList<>();
    if (options.hosts() < SCALE_DOWN_HOSTS) {
      lines.add(StageName.SCALE_DOWN.title() + " skipped: with --hosts " + options.hosts() + " the cluster has no "
          + "worker to release (--hosts " + SCALE_DOWN_HOSTS + " or more shows it)");
    }
    if (options.hosts() < REPLACE_HOSTS) {
      lines.add(StageName.REPLACE_HOST.title() + " skipped: with --hosts " + options.hosts() + " "
          + (options.hosts() < SCALE_DOWN_HOSTS ? "the cluster has no worker to replace and no spare host"
          : "no worker is left after the scale-down to replace with the spare it releases")
          + " (--hosts " + REPLACE_HOSTS + " or more shows it)");
    }
    return lines;
  }
}
