package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.status.StatusWriter;
import dev.lifecycle.edge.operator.status.UnreadableObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;

/**
 * What every reconciler (and the gateway) is built with: settings, a clock (so that time is a parameter
 * in tests), the writers of Events and of shared status, the registry every metric goes to, the
 * report of objects the operator could not read, and when this operator started: no host is judged
 * Unreachable within the staleness limit of that instant, since heartbeats sent while no operator
 * listened were never received (the restart's grace period).
 */
public record OperatorServices(KubernetesClient client, OperatorSettings settings, Clock clock,
    EventRecorder events, StatusWriter statusWriter, MeterRegistry meters, UnreadableObjects unreadable,
    Instant startedAt) {

  /** Services whose metrics stay in memory (tests, and callers that serve none). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock) {
    return create(client, settings, clock, new SimpleMeterRegistry());
  }

  /** Services whose metrics go to the given registry (the one /metrics serves). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry meters) {
    EventRecorder events = new EventRecorder(client, clock, meters);
    return new OperatorServices(client, settings, clock, events, new StatusWriter(client), meters,
        new UnreadableObjects(events, meters), clock.instant());
  }
}
