package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.operator.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar edge-benchmarks.jar <benchmark>}: programs that print figures, never pass or fail. */
@Command(name = "edge-benchmarks.jar", mixinStandardHelpOptions = true,
    description = "Measures the operator side by side with a baseline, in one run, and prints figures and ratios.",
    subcommands = {RegistrationBenchmark.class, RolloutBenchmark.class, BundleBenchmark.class,
        StoreBenchmark.class, SiteUploadBenchmark.class, ValidationBenchmark.class, FleetBenchmark.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // The simulated agents (hundreds of them, on the benchmark's own cores) log every plan they apply: a
    // thousand lines a rollout that bury the figures and are no part of what is measured. Warnings only.
    System.setProperty("org.slf4j.simpleLogger.log.dev.lifecycle.edge.agent", "warn");
    if (args.length > 0 && args[0].equals("fleet")) {
      // The fleet benchmark restarts the operator under thousands of agents: each would warn of the gateway gone.
      System.setProperty("org.slf4j.simpleLogger.log.dev.lifecycle.edge.agent", "error");
    }
    CommandLine command = new CommandLine(new Main());
    // The fleet benchmark's operator: edge-operator.jar run, from this jar, in a JVM of its own (OperatorProcess).
    CommandLine operator = new CommandLine(new RunCommand());
    operator.getCommandSpec().usageMessage().hidden(true);
    command.addSubcommand("operator", operator);
    System.exit(command.execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a benchmark: registration, rollout, bundle, store, site-upload, validation or fleet");
  }
}
