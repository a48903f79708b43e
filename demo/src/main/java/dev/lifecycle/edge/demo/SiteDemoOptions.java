package dev.lifecycle.edge.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code site-demo} runs with.
 *
 * @param workDir where the data directory, the signing key and the archives go; empty: a new temporary directory
 * @param port the site controller's port on 127.0.0.1 (0: a free one, kept across its restart)
 * @param applyTime how long a simulated host takes to apply a plan
 * @param stepTimeout how long each step may take before the demo gives up
 * @param keepRunning whether to leave everything up after the summary, until Ctrl-C
 */
record SiteDemoOptions(Optional<Path> workDir, int port, Duration applyTime, Duration stepTimeout,
    boolean keepRunning) {

  SiteDemoOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
    }
    if (applyTime.isNegative()) {
      throw new IllegalArgumentException("--apply-seconds cannot be negative");
    }
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException("--step-timeout must be positive");
    }
  }
}
