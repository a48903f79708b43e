package dev.lifecycle.edge.operator;

import java.time.Duration;
import java.util.Objects;

/**
 * What the reconcilers need to know about their surroundings.
 *
 * @param gatewayUrl the URL agents reach the gateway at, rendered into installer user-data
 * @param heartbeatInterval how often agents report; a host is Unreachable after {@code staleness}
 * @param staleness how long without a report before a host counts as Unreachable
 * @param exitOnInformerStop whether a stopped informer ends the process (in a pod, so that Kubernetes
 *     restarts it); false in the embedded mode and in tests, where it is logged instead
 */
public record OperatorSettings(String gatewayUrl, Duration heartbeatInterval, Duration staleness,
    boolean exitOnInformerStop) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  public OperatorSettings {
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(staleness, "staleness");
  }

  /** Defaults: 30 s heartbeats, Unreachable after three missed ones, exit when an informer stops. */
  public static OperatorSettings defaults(String gatewayUrl) {
    return new OperatorSettings(gatewayUrl, DEFAULT_HEARTBEAT, DEFAULT_HEARTBEAT.multipliedBy(3), true);
  }

  public OperatorSettings withHeartbeat(Duration interval) {
    return new OperatorSettings(gatewayUrl, interval, interval.multipliedBy(3), exitOnInformerStop);
  }

  public OperatorSettings withStaleness(Duration limit) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, limit, exitOnInformerStop);
  }

  public OperatorSettings embedded() {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, false);
  }
}
