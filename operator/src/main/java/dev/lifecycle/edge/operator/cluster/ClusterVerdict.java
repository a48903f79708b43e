package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;

/**
 * The judgement of a cluster that its conditions are written from.
 *
 * @param phase the cluster's phase
 * @param ready whether the Ready condition is True
 * @param reconciling whether work toward the spec is under way
 * @param stalled whether progress needs a human
 * @param reason CamelCase reason shared by the conditions that hold
 * @param message for a person
 */
public record ClusterVerdict(Phase phase, boolean ready, boolean reconciling, boolean stalled, String reason,
    String message) {

  static ClusterVerdict waiting(Phase phase, String reason, String message) {
    return new ClusterVerdict(phase, false, true, false, reason, message);
  }

  static ClusterVerdict stalled(Phase phase, String reason, String message) {
    return new ClusterVerdict(phase, false, false, true, reason, message);
  }
}
