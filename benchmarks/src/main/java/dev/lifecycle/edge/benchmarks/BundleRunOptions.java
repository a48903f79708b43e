package dev.lifecycle.edge.benchmarks;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options the bundle benchmarks share (a picocli mixin): layout, rounds, the zstd program, where to write. */
final class BundleRunOptions {

  @Option(names = "--layer-megabytes", defaultValue = "16",
      description = "Average layer size in MiB (default: ${DEFAULT-VALUE}).")
  int layerMegabytes;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds, the sides taking turns after one "
      + "warm-up round (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--zstd", defaultValue = "zstd", description = "The zstd program (default: ${DEFAULT-VALUE}).")
  String zstd;

  @Option(names = "--work-dir", description = "Where the layouts, the bundles and what they are unpacked to go "
      + "(default: a temporary directory, deleted at the end).")
  Path workDir;
}
