package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The status contract shared by every kind: observedGeneration and Kubernetes-shaped conditions. */
public abstract class ReconciledStatus {

  @JsonPropertyDescription("The metadata.generation the operator last acted on. When it is lower than "
      + "metadata.generation, the status describes an older spec.")
  private Long observedGeneration;

  @Size(max = 16)
  @JsonPropertyDescription("Conditions in the Kubernetes shape, one per type: Ready (always present), "
      + "Reconciling while work is under way, Stalled when progress needs a human.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
