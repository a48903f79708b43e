package dev.lifecycle.edge.operator.definition;

import java.util.List;

/** The export was refused: what a site could not use, each reason naming its profile. Nothing was written. */
public final class DefinitionRefusedException extends Exception {

  private final List<String> reasons;

  public DefinitionRefusedException(List<String> reasons) {
    super(String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}
