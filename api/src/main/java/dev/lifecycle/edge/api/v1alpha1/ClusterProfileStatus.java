package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator judged of a profile and who uses it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ClusterProfileStatus extends ReconciledStatus {

  /** The phases of a profile. */
  public enum Phase {
    Ready, Invalid
  }

  @JsonPropertyDescription("Ready when the profile passed the operator's checks and clusters may use it; "
      + "Invalid otherwise (the Stalled condition says why).")
  private Phase phase;

  @JsonPropertyDescription("Names of the EdgeClusters in this namespace that pin this profile. While the "
      + "list is not empty, deleting the profile waits.")
  private List<String> usedBy = new ArrayList<>();

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<String> getUsedBy() {
    return usedBy;
  }

  public void setUsedBy(List<String> usedBy) {
    this.usedBy = usedBy == null ? new ArrayList<>() : usedBy;
  }
}
