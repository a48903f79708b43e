package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The value a cluster gives one of its profile's variables: written here, or read from a Secret. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.value) != has(self.valueFrom)",
    message = "a variable takes exactly one of value or valueFrom")
public class ClusterVariable {

  @Required
  @Size(min = 1, max = 63)
  @JsonPropertyDescription("Name of a variable the cluster's profile declares (spec.variables of the "
      + "ClusterProfile). A name the profile does not declare stalls the cluster (VariableUnknown).")
  private String name;

  @Size(max = 4096)
  @JsonPropertyDescription("The value, written as text (\"42\", \"true\"). Refused for a sensitive variable: "
      + "give that one with valueFrom.")
  private String value;

  @JsonPropertyDescription("Reads the value from a Secret of the cluster's namespace. Such a value, "
      + "sensitive or not, is never written into any status: the gateway adds it to the plans it serves.")
  private VariableSource valueFrom;

  public ClusterVariable() {
  }

  public ClusterVariable(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public ClusterVariable(String name, SecretKeyReference secretKeyRef) {
    this.name = name;
    this.valueFrom = new VariableSource(secretKeyRef);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public VariableSource getValueFrom() {
    return valueFrom;
  }

  public void setValueFrom(VariableSource valueFrom) {
    this.valueFrom = valueFrom;
  }

  @Override
  public String toString() {
    // The value is left out: a literal may still be a secret a user wrote by mistake.
    return "ClusterVariable[" + name + "]";
  }
}
