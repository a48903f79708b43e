package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Sets conditions the Kubernetes way: one per type, {@code lastTransitionTime} kept unless the status
 * flips, sorted by type so that an unchanged status serializes byte for byte the same and a write of
 * it triggers no watch event.
 */
public final class Conditions {

  private Conditions() {
  }

  /** Sets a condition on the status, keeping the previous transition time when the status is unchanged. */
  public static void set(ReconciledStatus status, String type, ConditionStatus value, String reason, String message,
      Long observedGeneration, Instant now) {
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    Optional<Condition> previous = conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    Condition next = new Condition();
    next.setType(type);
    next.setStatus(value);
    next.setReason(reason);
    next.setMessage(message);
    next.setObservedGeneration(observedGeneration);
    next.setLastTransitionTime(previous.filter(p -> p.getStatus() == value)
        .map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString()));
    previous.ifPresent(conditions::remove);
    conditions.add(next);
    conditions.sort(Comparator.comparing(Condition::getType));
    status.setConditions(conditions);
  }


  public static boolean isTrue(ReconciledStatus status, String type) {
    return status != null && status.condition(type).map(Condition::isTrue).orElse(false);
  }
}
