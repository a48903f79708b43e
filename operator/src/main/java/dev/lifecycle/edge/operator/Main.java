package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar edge-operator.jar <command>}: the operator's command line. */
@Command(name = "edge-operator.jar", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs the deployment lifecycle of clusters at edge sites.",
    subcommands = {RunCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run or demo");
  }
}
