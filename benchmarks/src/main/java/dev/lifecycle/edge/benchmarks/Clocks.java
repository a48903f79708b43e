package dev.lifecycle.edge.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/** Wall-clock and process CPU time at one instant, to measure a phase by both. */
record Clocks(long nanos, long cpuNanos) {

  static Clocks now() {
    return new Clocks(System.nanoTime(), processCpuNanos());
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  /** Milliseconds of CPU the whole process (every thread) used since. */
  double cpuSince() {
    return (processCpuNanos() - cpuNanos) / 1e6;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
