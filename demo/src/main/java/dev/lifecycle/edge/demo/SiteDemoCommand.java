package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code site-demo}: a disconnected site in this process, from uploaded files to an upgraded cluster. */
@Command(name = "site-demo", mixinStandardHelpOptions = true,
    description = {"Run a disconnected site in this process: make a signed cluster definition (demo-store 1.0.0 "
        + "and 1.1.0) and a content bundle, start a site controller on a data directory, link three simulated hosts "
        + "with link tokens, upload both files through the site API, create a 1+2 cluster, stop and restart the "
        + "controller while it forms, upload a delta bundle of 1.1.0 and update the cluster to it; then print the "
        + "URL, the certificate fingerprint and the admin password file to open the site in a browser.",
        "Exit code 0 when every step finished, 1 when one failed or timed out (the message says which and why)."})
public final class SiteDemoCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the data directory, the key and the archives go (default: a new temporary directory).")
  private Path dir;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
      description = "The site controller's port on 127.0.0.1 (default: a free one).")
  private int port;

  @Option(names = "--apply-seconds", defaultValue = "1", paramLabel = "S",
      description = "Seconds a simulated host takes to apply a plan (default: ${DEFAULT-VALUE}).")
  private double applySeconds;

  @Option(names = "--step-timeout", defaultValue = "90s", converter = DurationConverter.class, paramLabel = "D",
      description = "How long each step may take before the demo gives up (default: ${DEFAULT-VALUE}).")
  private Duration stepTimeout;

  @Option(names = "--keep-running", description = "After the summary, keep the site controller and the hosts up "
      + "until Ctrl-C.")
  private boolean keepRunning;

  @Spec
  private CommandSpec spec;

  private final PrintStream out;
  private final boolean standardOutput;

  /** Writes to standard output. */
  public SiteDemoCommand() {
    this(System.out, true);
  }

  /** Writes to the given stream (tests). */
  public SiteDemoCommand(PrintStream out) {
    this(out, false);
  }

  private SiteDemoCommand(PrintStream out, boolean standardOutput) {
    this.out = out;
    this.standardOutput = standardOutput;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    SiteDemoOptions options;
    try {
      options = new SiteDemoOptions(Optional.ofNullable(dir), port,
          Duration.ofMillis(Math.round(applySeconds * 1000)), stepTimeout, keepRunning);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new SiteDemo(options, out, standardOutput).run();
  }
}
