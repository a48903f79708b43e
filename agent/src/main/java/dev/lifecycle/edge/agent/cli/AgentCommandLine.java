package dev.lifecycle.edge.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line of edge-agent.jar: {@code run} for a real host, {@code simulate} for a fleet. */
@Command(name = "edge-agent.jar", mixinStandardHelpOptions = true, versionProvider = AgentCommandLine.Version.class,
    description = "The edge agent: registers a host through the gateway, applies its plan, reports.",
    subcommands = {RunCommand.class, SimulateCommand.class})
public final class AgentCommandLine implements Runnable {

  @Spec
  private CommandSpec spec;

  /** The picocli command line, ready to {@code execute(args)}. */
  public static CommandLine create() {
    return new CommandLine(new AgentCommandLine());
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: run or simulate");
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AgentCommandLine.class.getPackage().getImplementationVersion();
      return new String[] {"edge-agent " + (version == null ? "development" : version)};
    }
  }
}
