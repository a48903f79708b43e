package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.apiserver.FaultInjection;
import dev.lifecycle.edge.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole lifecycle in one process, shown live in the terminal. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole lifecycle in this process and show it live: an embedded Kubernetes API, the "
        + "operator and its gateway, the samples applied, simulated hosts registering with the token, the cluster "
        + "forming, a rolling upgrade to the next profile version, then day 2: the workers scaled down by one and a "
        + "worker whose agent is killed replaced by the released one; a summary at the end.",
        "Exit code 0 when every stage finished, 1 when one failed or timed out (the message says which and why)."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--hosts", defaultValue = "5", paramLabel = "N",
      description = "Simulated hosts: 1 control plane, N-1 workers (default: ${DEFAULT-VALUE}); the scale-down "
          + "needs 2, the host replacement 3.")
  private int hosts;

  @Option(names = "--apply-seconds", defaultValue = "1", paramLabel = "S",
      description = "Seconds a simulated host takes to apply a plan, such as 0.5 (default: ${DEFAULT-VALUE}).")
  private double applySeconds;

  @Option(names = "--stage-timeout", converter = DurationConverter.class, paramLabel = "D",
      description = "How long each stage may take before the demo gives up, such as 90s (default: 60s, or for a "
          + "larger fleet the hosts times their apply time plus 3s, since the upgrade takes one host at a time).")
  private Duration stageTimeout;

  @Option(names = "--keep-running", description = "After the summary, keep everything up and print a kubeconfig "
      + "and kubectl commands to try, until Ctrl-C.")
  private boolean keepRunning;

  @Option(names = "--verbose", description = "Show the logs of the operator, the gateway, the agents and the "
      + "libraries (otherwise they go to a file, named when something fails).")
  private boolean verbose;

  @Option(names = "--fail-upgrade", description = "Make the last simulated host fail to apply the new profile "
      + "version, to see a rollout stop: with onFailure Pause it stalls naming the host, with Rollback the upgraded "
      + "hosts return to the old version. The demo then ends with exit code 1.")
  private boolean failUpgrade;

  @Option(names = "--on-failure", paramLabel = "POLICY", description = "What the rollout does when a host fails: "
      + "${COMPLETION-CANDIDATES} (default: the sample's upgradeStrategy.onFailure, Pause).")
  private UpgradeStrategy.FailurePolicy onFailure;

  @Option(names = "--inject-write-failures", hidden = true, defaultValue = "0", paramLabel = "FRACTION",
      description = "Fault injection: this fraction of the operator's and the gateway's writes fail, half with 500, "
          + "half with 409 (see docs/reliability.md).")
  private double injectWriteFailures;

  @Option(names = "--inject-latency", hidden = true, defaultValue = "0s", converter = DurationConverter.class,
      paramLabel = "D", description = "Fault injection: every API response is late by up to D.")
  private Duration injectLatency;

  @Option(names = "--inject-watch-drops", hidden = true, defaultValue = "0s", converter = DurationConverter.class,
      paramLabel = "D", description = "Fault injection: every open watch is dropped every D.")
  private Duration injectWatchDrops;

  @Option(names = "--fault-seed", hidden = true, paramLabel = "N",
      description = "Fault injection: the seed of the faults, to replay a run (default: a new one, printed).")
  private Long faultSeed;

  @Spec
  private CommandSpec spec;

  private final PrintStream out;
  private final boolean standardOutput;

  /** Writes to standard output (live when it is a terminal). */
  public DemoCommand() {
    this(System.out, true);
  }

  /** Writes to the given stream, never live (tests). */
  public DemoCommand(PrintStream out) {
    this(out, false);
  }

  private DemoCommand(PrintStream out, boolean standardOutput) {
    this.out = out;
    this.standardOutput = standardOutput;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    DemoOptions options;
    try {
      Duration applyTime = Duration.ofMillis(Math.round(applySeconds * 1000));
      FaultInjection faults = new FaultInjection(injectWriteFailures / 2, injectWriteFailures / 2, injectLatency,
          injectWatchDrops, faultSeed != null ? faultSeed : System.nanoTime(), "");
      options = new DemoOptions(hosts, applyTime, stageTimeout != null ? stageTimeout
          : DemoOptions.derivedStageTimeout(hosts, applyTime), keepRunning, verbose, failUpgrade,
          Optional.ofNullable(onFailure), faults.active() ? faults : FaultInjection.NONE);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new Demo(options, out, standardOutput).run();
  }
}
