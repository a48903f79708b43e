package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.operator.status.StatusContract;
import dev.lifecycle.edge.operator.status.StatusVerdict;
import java.time.Instant;

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
    return status.getPhase() == verdict.phase()
        && !StatusContract.wouldChange(status, kstatus(verdict), host.getMetadata().getGeneration(), now);
  }

  private static void applyTo(EdgeHostStatus status, HostVerdict verdict, Long generation, Instant now) {
    status.setPhase(verdict.phase());
    StatusContract.apply(status, kstatus(verdict), generation, now);
  }

  private static StatusVerdict kstatus(HostVerdict verdict) {
    return StatusVerdict.of(verdict.ready(), verdict.reconciling(), verdict.stalled(), verdict.reason(),
        verdict.message()).stalledBecause(verdict.stalledReason(), verdict.message());
  }
}
