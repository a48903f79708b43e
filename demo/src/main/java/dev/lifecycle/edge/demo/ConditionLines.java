package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import java.util.ArrayList;
import java.util.List;

/** A resource's conditions as lines for a person: {@code Ready=False (InsufficientHosts): 1 of 3 workers}. */
final class ConditionLines {

  private ConditionLines() {
  }

  /** The lines of the named condition types the status carries, in the order asked. */
  static List<String> of(ReconciledStatus status, String... types) {
    List<String> lines = new ArrayList<>();
    if (status == null) {
      return lines;
    }
    for (String type : types) {
      status.condition(type).map(ConditionLines::line).ifPresent(lines::add);
    }
    return lines;
  }

  static String line(Condition condition) {
    String reason = condition.getReason() == null ? "" : " (" + condition.getReason() + ")";
    String message = condition.getMessage() == null || condition.getMessage().isBlank() ? ""
        : ": " + condition.getMessage();
    return condition.getType() + "=" + condition.getStatus() + reason + message;
  }
}
