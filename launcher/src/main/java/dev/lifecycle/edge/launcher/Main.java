package dev.lifecycle.edge.launcher;

import dev.lifecycle.edge.demo.DemoCommand;
import dev.lifecycle.edge.demo.SiteDemoCommand;
import dev.lifecycle.edge.forge.BundleCommand;
import dev.lifecycle.edge.operator.RunCommand;
import dev.lifecycle.edge.operator.definition.DefinitionCommand;
import dev.lifecycle.edge.operator.keys.KeysCommand;
import dev.lifecycle.edge.site.SiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar edge-operator.jar <command>}: the operator's command line, assembled from the modules that
 * own each command ({@code run}, {@code definition} and {@code keys} from the operator, {@code demo} from the demo,
 * {@code bundle} from forge, {@code site} from the site controller, {@code site-demo} from the demo).
 */
@Command(name = "edge-operator.jar", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Runs the deployment lifecycle of clusters at edge sites.",
    subcommands = {RunCommand.class, DefinitionCommand.class, KeysCommand.class, DemoCommand.class,
        BundleCommand.class, SiteCommand.class, SiteDemoCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, definition, keys, demo, "
        + "bundle, site or site-demo");
  }
}
