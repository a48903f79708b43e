package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.operator.registry.RegistryReasons;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import dev.lifecycle.edge.operator.variables.VariableReasons;
import java.util.Optional;
import java.util.Set;

/**
 * The Warning Event of a cluster that stops planning hosts for a reason a person must act on (no
 * control-plane address, the join secret lost or its name taken, variables that do not resolve, maintenance
 * windows it cannot read, an ImageRegistry it cannot use; a host to replace with no spare, in Manual mode, beyond maxReplacements, or in a control
 * plane too small): once, when its Ready condition takes that reason, not on every round. Pure.
 */
final class FormationHolds {

  private static final Set<String> REASONS = Set.of(FormationPlanner.ADDRESS_UNKNOWN, JoinSecretStore.LOST,
      JoinSecretStore.CONFLICT, RolloutStep.INVALID_MAINTENANCE_WINDOW, VariableReasons.UNDECLARED,
      VariableReasons.UNKNOWN, VariableReasons.REQUIRED, VariableReasons.TYPE_MISMATCH,
      VariableReasons.PATTERN_MISMATCH, VariableReasons.SENSITIVE_LITERAL, VariableReasons.SECRET_MISSING,
      RemediationPlanner.NO_SPARE, RemediationPlanner.MANUAL, RemediationPlanner.RATE_LIMITED,
      RemediationPlanner.CONTROL_PLANE_NOT_REPLACEABLE, RegistryReasons.NOT_FOUND,
      RegistryReasons.CREDENTIALS_MISSING, RegistryReasons.CREDENTIALS_INVALID, RegistryReasons.CA_INVALID,
      RegistryReasons.RULES_INVALID);

  private FormationHolds() {
  }

  static Optional<ClusterNotices.Notice> between(EdgeClusterStatus previous, EdgeClusterStatus desired) {
    Optional<Condition> now = ready(desired);
    if (now.isEmpty() || !REASONS.contains(now.get().getReason())) {
      return Optional.empty();
    }
    boolean already = ready(previous).map(c -> now.get().getReason().equals(c.getReason())).orElse(false);
    return already ? Optional.empty()
        : Optional.of(new ClusterNotices.Notice(true, now.get().getReason(), now.get().getMessage()));
  }

  private static Optional<Condition> ready(EdgeClusterStatus status) {
    return status == null ? Optional.empty() : status.getConditions().stream()
        .filter(c -> ConditionTypes.READY.equals(c.getType())).findFirst();
  }
}
