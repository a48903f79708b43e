package dev.lifecycle.edge.operator.definition;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code definition}: cluster definitions for disconnected sites (docs/definitions.md). */
@Command(name = "definition", mixinStandardHelpOptions = true,
    description = "Export the ClusterProfile versions a site needs as a signed cluster definition, or verify one.",
    subcommands = {DefinitionExportCommand.class, DefinitionVerifyCommand.class})
public final class DefinitionCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: export or verify");
  }
}
