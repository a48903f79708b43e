package dev.lifecycle.edge.operator;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the reconcilers and the gateway need to know about their surroundings.
 *
 * @param gatewayUrl the URL agents reach the gateway at, rendered into installer user-data
 * @param heartbeatInterval how often agents report; a host is Unreachable after {@code staleness}
 * @param staleness how long without a report before a host counts as Unreachable
 * @param exitOnInformerStop whether a stopped informer (or lost leadership) ends the process (in a pod, so
 *     that Kubernetes restarts it); false in the embedded mode and in tests, where it is logged instead
 * @param watchNamespaces the namespaces the reconcilers and the gateway watch; empty: every namespace
 */
public record OperatorSettings(String gatewayUrl, Duration heartbeatInterval, Duration staleness,
    boolean exitOnInformerStop, Set<String> watchNamespaces) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  public OperatorSettings {
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(staleness, "staleness");
    // Sorted, so that logs and messages name them in a stable order.
    watchNamespaces = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(watchNamespaces,
        "watchNamespaces")));
  }

  /**
   * Defaults: 30 s heartbeats, Unreachable after three missed ones, exit when an informer stops, every
   * namespace watched.
   */
  public static OperatorSettings defaults(String gatewayUrl) {
    return new OperatorSettings(gatewayUrl, DEFAULT_HEARTBEAT, DEFAULT_HEARTBEAT.multipliedBy(3), true, Set.of());
  }

  /** The gateway URL to render into installer user-data (the demo knows it once its gateway listens). */
  public OperatorSettings withGatewayUrl(String url) {
    return new OperatorSettings(url, heartbeatInterval, staleness, exitOnInformerStop, watchNamespaces);
  }

  public OperatorSettings withHeartbeat(Duration interval) {
    return new OperatorSettings(gatewayUrl, interval, interval.multipliedBy(3), exitOnInformerStop, watchNamespaces);
  }

  public OperatorSettings withStaleness(Duration limit) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, limit, exitOnInformerStop, watchNamespaces);
  }

  public OperatorSettings embedded() {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, false, watchNamespaces);
  }

  /** Watches only these namespaces (empty: every namespace). */
  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, exitOnInformerStop, namespaces);
  }

  /** Whether every namespace is watched (no --watch-namespaces). */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }
}
