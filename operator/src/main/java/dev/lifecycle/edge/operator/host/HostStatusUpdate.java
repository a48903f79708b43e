package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.operator.status.Conditions;
import java.time.Instant;
import java.util.Objects;

/**
 * Puts a verdict into the host reconciler's own status fields: {@code phase}, {@code conditions}
 * and {@code observedGeneration}, and nothing else. The agent's fields and the cluster's
 * ({@code cluster}, {@code plan}) are left exactly as they are on the object given, which is a
 * fresh read, so a write of the result loses nobody's update.
 */
public final class HostStatusUpdate {

  private HostStatusUpdate() {
  }

  /** Sets the verdict on the host (creating its status if it has none) and returns the host. */
  public static EdgeHost apply(EdgeHost host, HostVerdict verdict, Instant now) {
    if (host.getStatus() == null) {
      host.setStatus(new EdgeHostStatus());
    }
    applyTo(host.getStatus(), verdict, host.getMetadata().getGeneration(), now);
    return host;
  }

  /** Whether the host already carries the verdict: writing it would change nothing. */
  public static boolean isCurrent(EdgeHost host, HostVerdict verdict, Instant now) {
    EdgeHostStatus status = host.getStatus();
    if (status == null) {
      return false;
    }
    EdgeHostStatus probe = new EdgeHostStatus();
    probe.setPhase(status.getPhase());
    probe.setObservedGeneration(status.getObservedGeneration());
    probe.setConditions(status.getConditions());
    applyTo(probe, verdict, host.getMetadata().getGeneration(), now);
    return probe.getPhase() == status.getPhase()
        && Objects.equals(probe.getObservedGeneration(), status.getObservedGeneration())
        && probe.getConditions().equals(status.getConditions());
  }

  private static void applyTo(EdgeHostStatus status, HostVerdict verdict, Long generation, Instant now) {
    status.setPhase(verdict.phase());
    status.setObservedGeneration(generation);
    Conditions.set(status, ConditionTypes.READY, of(verdict.ready()), verdict.reason(), verdict.message(),
        generation, now);
    Conditions.set(status, ConditionTypes.RECONCILING, of(verdict.reconciling()), verdict.reason(),
        verdict.message(), generation, now);
    Conditions.set(status, ConditionTypes.STALLED, of(verdict.stalled()), verdict.stalledReason(),
        verdict.message(), generation, now);
  }

  private static ConditionStatus of(boolean holds) {
    return holds ? ConditionStatus.True : ConditionStatus.False;
  }
}
