package dev.lifecycle.edge.operator.gateway;

import java.time.Duration;

/** A duration in the Kubernetes form the agent reads back: 30s, 5m, 1h, 1500ms. Pure. */
final class WireDurations {

  private WireDurations() {
  }

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
