package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.LabelRequirement;
import java.util.Map;

/** Decides whether a host's labels satisfy a {@link HostSelector}, with Kubernetes semantics. */
public final class HostSelectors {

  private HostSelectors() {
  }

  /** An absent selector matches every host; otherwise every label and every expression must hold. */
  public static boolean matches(HostSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    boolean labelsMatch = selector.getMatchLabels().entrySet().stream()
        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    return labelsMatch && selector.getMatchExpressions().stream().allMatch(r -> holds(r, actual));
  }

  private static boolean holds(LabelRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    return switch (requirement.getOperator()) {
      case In -> value != null && requirement.getValues().contains(value);
      case NotIn -> value == null || !requirement.getValues().contains(value);
      case Exists -> value != null;
      case DoesNotExist -> value == null;
    };
  }
}
