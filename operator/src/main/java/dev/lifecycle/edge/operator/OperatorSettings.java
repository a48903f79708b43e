package dev.lifecycle.edge.operator;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
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
 * @param gatewayCa PEM certificates agents trust for the gateway's TLS, rendered into installer user-data;
 *     empty: agents trust their usual CAs
 * @param agentUrl where hosts download edge-agent.jar, rendered into installer user-data unless a token sets
 *     its own; empty: the installer image carries the jar
 */
public record OperatorSettings(String gatewayUrl, Duration heartbeatInterval, Duration staleness,
    boolean exitOnInformerStop, Set<String> watchNamespaces, Optional<String> gatewayCa, Optional<String> agentUrl) {

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  public OperatorSettings {
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(staleness, "staleness");
    // Sorted, so that logs and messages name them in a stable order.
    watchNamespaces = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(watchNamespaces,
        "watchNamespaces")));
    Objects.requireNonNull(gatewayCa, "gatewayCa");
    Objects.requireNonNull(agentUrl, "agentUrl");
  }

  /**
   * Defaults: 30 s heartbeats, Unreachable after three missed ones, exit when an informer stops, every
   * namespace watched.
   */
  public static OperatorSettings defaults(String gatewayUrl) {
    return new OperatorSettings(gatewayUrl, DEFAULT_HEARTBEAT, DEFAULT_HEARTBEAT.multipliedBy(3), true, Set.of(),
        Optional.empty(), Optional.empty());
  }

  /** The gateway URL to render into installer user-data (the demo knows it once its gateway listens). */
  public OperatorSettings withGatewayUrl(String url) {
    return new OperatorSettings(url, heartbeatInterval, staleness, exitOnInformerStop,
        watchNamespaces, gatewayCa, agentUrl);
  }

  public OperatorSettings withHeartbeat(Duration interval) {
    return new OperatorSettings(gatewayUrl, interval, interval.multipliedBy(3), exitOnInformerStop,
        watchNamespaces, gatewayCa, agentUrl);
  }

  public OperatorSettings withStaleness(Duration limit) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, limit, exitOnInformerStop,
        watchNamespaces, gatewayCa, agentUrl);
  }

  public OperatorSettings embedded() {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, false, watchNamespaces, gatewayCa, agentUrl);
  }

  /** Watches only these namespaces (empty: every namespace). */
  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, exitOnInformerStop,
        namespaces, gatewayCa, agentUrl);
  }

  /** The CA certificates (PEM) agents trust for the gateway, rendered into installer user-data. */
  public OperatorSettings withGatewayCa(Optional<String> pem) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, exitOnInformerStop, watchNamespaces, pem,
        agentUrl);
  }

  /** Where hosts download edge-agent.jar, rendered into installer user-data. */
  public OperatorSettings withAgentUrl(Optional<String> url) {
    return new OperatorSettings(gatewayUrl, heartbeatInterval, staleness, exitOnInformerStop, watchNamespaces,
        gatewayCa, url);
  }

  /** Whether every namespace is watched (no --watch-namespaces). */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }
}
