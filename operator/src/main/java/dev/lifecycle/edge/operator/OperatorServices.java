package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.events.EventRecorder;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * What every reconciler is built with: settings, a clock (so that time is a parameter in tests), and
 * the writers of Events and of shared status.
 */
public record OperatorServices(KubernetesClient client, OperatorSettings settings, Clock clock,
    EventRecorder events, StatusWriter statusWriter) {

  public static OperatorServices create(KubernetesClient client, OperatorSettings settings, Clock clock) {
    return new OperatorServices(client, settings, clock, new EventRecorder(client, clock), new StatusWriter(client));
  }
}
