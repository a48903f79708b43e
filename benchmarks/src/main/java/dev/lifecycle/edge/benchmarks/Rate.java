package dev.lifecycle.edge.benchmarks;

import java.time.Duration;
import java.util.Locale;

/** How many things in how long. */
record Rate(String what, int count, Duration elapsed) {

  double perSecond() {
    return count / (elapsed.toNanos() / 1e9);
  }

  String line() {
    return String.format(Locale.ROOT, "%-34s %6d in %7.2f s = %8.1f /s", what, count, elapsed.toNanos() / 1e9,
        perSecond());
  }
}
