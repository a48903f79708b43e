package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The status contract every kind keeps (kstatus, as Flux, Argo CD and {@code kubectl wait} read it):
 * {@code observedGeneration}, Ready always present, Reconciling while work is under way, Stalled when
 * a human is needed. Each condition keeps its {@code lastTransitionTime} unless its status flips, and
 * the conditions stay sorted by type, so an unchanged verdict leaves the status byte for byte the same.
 */
public final class StatusContract {

  private StatusContract() {
  }

  /**
   * Writes the verdict into the status, over the conditions it already holds.
   *
   * @param status the status to change; its present conditions are the previous ones
   * @param verdict what the three conditions say
   * @param generation the metadata.generation the verdict was judged on
   * @param now the transition time of a condition that flips
   */
  public static void apply(ReconciledStatus status, StatusVerdict verdict, Long generation, Instant now) {
    status.setObservedGeneration(generation);
    Conditions.set(status, ConditionTypes.READY, verdict.ready(), verdict.cause().reason(),
        verdict.cause().message(), generation, now);
    Conditions.set(status, ConditionTypes.RECONCILING, of(verdict.reconciling()), verdict.cause().reason(),
        verdict.cause().message(), generation, now);
    Conditions.set(status, ConditionTypes.STALLED, of(verdict.stalled()), verdict.stalledCause().reason(),
        verdict.stalledCause().message(), generation, now);
  }

  /** Whether applying the verdict would change the status's conditions or observedGeneration. */
  public static boolean wouldChange(ReconciledStatus status, StatusVerdict verdict, Long generation, Instant now) {
    ReconciledStatus probe = new ReconciledStatus() { };
    probe.setObservedGeneration(status.getObservedGeneration());
    probe.setConditions(status.getConditions());
    apply(probe, verdict, generation, now);
    return !Objects.equals(probe.getObservedGeneration(), status.getObservedGeneration())
        || !probe.getConditions().equals(status.getConditions());
  }

  private static ConditionStatus of(boolean holds) {
    return holds ? ConditionStatus.True : ConditionStatus.False;
  }
}
