package dev.lifecycle.edge.operator.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keys}: signing keys for cluster definitions and content bundles (docs/definitions.md). */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Generate a signing key, or sign a key rotation statement that makes sites trust a new key.",
    subcommands = {KeysGenerateCommand.class, KeysRotateCommand.class})
public final class KeysCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: generate or rotate");
  }
}
