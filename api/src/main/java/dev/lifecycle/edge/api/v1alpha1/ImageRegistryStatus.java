package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the operator judged of a registry: Ready when its Secret, CA and rules can be used, else Stalled with the
 * reason. Never its credentials.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ImageRegistryStatus extends ReconciledStatus {

  /** The phases of a registry. */
  public enum Phase {
    Ready, Invalid
  }

  @JsonPropertyDescription("Ready when clusters and tokens can use the registry; Invalid when its Secret, CA or "
      + "rules cannot be used (the Stalled condition says why).")
  private Phase phase;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }
}
