package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;

/**
 * The kstatus verdict on an object, which {@link StatusContract#apply} writes as its Ready,
 * Reconciling and Stalled conditions. The phase is not here: each kind has its own phase enum and
 * sets it next to this verdict.
 *
 * @param ready what Ready says: Unknown only when the object could not be judged (a failed first visit)
 * @param reconciling whether work toward the spec is under way
 * @param stalled whether progress needs a human
 * @param cause the reason and message of Ready and Reconciling
 * @param stalledCause the reason and message of Stalled; the same as {@code cause} unless a kind says
 *     more precisely what is stuck (a profile's first problem, a host's failed report)
 */
public record StatusVerdict(ConditionStatus ready, boolean reconciling, boolean stalled, Cause cause,
    Cause stalledCause) {

  /** A CamelCase reason and a message for a person. */
  public record Cause(String reason, String message) {
  }

  /** A verdict whose three conditions share one reason and message. */
  public static StatusVerdict of(boolean ready, boolean reconciling, boolean stalled, String reason, String message) {
    Cause cause = new Cause(reason, message);
    return new StatusVerdict(ready ? ConditionStatus.True : ConditionStatus.False, reconciling, stalled, cause, cause);
  }

  /** The same verdict, with Stalled giving its own reason and message. */
  public StatusVerdict stalledBecause(String reason, String message) {
    return new StatusVerdict(ready, reconciling, stalled, cause, new Cause(reason, message));
  }
}
