package dev.lifecycle.edge.forge;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bundle build|verify}: content bundles for disconnected sites (docs/disconnected-sites.md). */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Content bundles for disconnected sites: every image and chart some profile versions need, as a "
        + "signed OCI image layout in one .tar.zst (docs/disconnected-sites.md, docs/bundles.md).",
    subcommands = {BundleBuildCommand.class, BundleVerifyCommand.class})
public final class BundleCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: build or verify");
  }
}
