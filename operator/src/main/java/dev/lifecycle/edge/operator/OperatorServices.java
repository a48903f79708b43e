package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.status.StatusWriter;
import dev.lifecycle.edge.operator.status.UnreadableObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * What every reconciler (and the gateway) is built with: settings, a clock (so that time is a parameter
 * in tests), the writers of Events and of shared status, the registry every metric goes to, and the
 * report of objects the operator could not read.
 */
public record OperatorServices(KubernetesClient client, OperatorSettings settings, Clock clock,
    EventRecorder events, StatusWriter statusWriter, MeterRegistry meters, UnreadableObjects unreadable) {

  /** Services whose metrics stay in memory (tests, and callers that serve none). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock) {
    return create(client, settings, clock, new SimpleMeterRegistry());
  }

  /** Services whose metrics go to the given registry (the one /metrics serves). */
  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry meters) {
    EventRecorder events = new EventRecorder(client, clock);
    return new OperatorServices(client, settings, clock, events, new StatusWriter(client), meters,
        new UnreadableObjects(events, meters));
  }
}
