package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.host.HostLiveness;
import dev.lifecycle.edge.operator.status.StatusWriter;
import dev.lifecycle.edge.operator.status.UnreadableObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * What every reconciler (and the gateway) is built with: settings, a clock (so that time is a parameter
 * in tests), the writers of Events and of shared status, the registry every metric goes to, the
 * report of objects the operator could not read, and what this replica knows of its hosts' liveness beside
 * their status ({@link HostLiveness}: the heartbeats its gateway heard, and since when it judges hosts).
 */
public record OperatorServices(KubernetesClient client, OperatorSettings settings, Clock clock,
    EventRecorder events, StatusWriter statusWriter, MeterRegistry meters, UnreadableObjects unreadable,
    HostLiveness liveness) {

  /** Services whose metrics stay in memory (tests, and callers that serve none). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock) {
    return create(client, settings, clock, new SimpleMeterRegistry());
  }

  /**
   * The same services with other settings: the gateway's and the operator's of one process share what they hear
   * of the hosts ({@link HostLiveness}), their Events and their metrics.
   */
  public OperatorServices withSettings(OperatorSettings other) {
    return new OperatorServices(client, other, clock, events, statusWriter, meters, unreadable, liveness);
  }

  /** Services whose metrics go to the given registry (the one /metrics serves). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry meters) {
    EventRecorder events = new EventRecorder(client, clock, meters);
    return new OperatorServices(client, settings, clock, events, new StatusWriter(client), meters,
        new UnreadableObjects(events, meters), HostLiveness.listeningFrom(clock.instant()));
  }
}
