package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What a profile version is made of. Immutable: publish a change as a new version. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self == oldSelf",
    message = "a ClusterProfile is immutable once created: publish the change as a new profile version "
        + "(a new object, such as <profile>-<version>)")
@ValidationRule(value = "self.layers.all(l, self.layers.exists_one(m, m.name == l.name))",
    message = "layer names must be unique within a profile")
@ValidationRule(value = "self.layers.exists_one(l, l.type == 'os')",
    message = "a profile needs exactly one layer of type os")
@ValidationRule(value = "self.layers.exists_one(l, l.type == 'kubernetes')",
    message = "a profile needs exactly one layer of type kubernetes")
@ValidationRule(value = "self.layers.filter(l, l.type == 'cni').size() <= 1 "
    + "&& self.layers.filter(l, l.type == 'csi').size() <= 1",
    message = "a profile takes at most one layer of type cni and at most one of type csi")
@ValidationRule(value = "!has(self.variables) || self.variables.all(v, self.variables.exists_one(w, w.name == v.name))",
    message = "variable names must be unique within a profile")
public class ClusterProfileSpec {

  @Required
  @Size(max = 64)
  @ValidationRule(value = Validation.SEMVER_RULE,
      message = "version must be a semantic version such as 1.2.0 (MAJOR.MINOR.PATCH, no leading v)")
  @JsonPropertyDescription("Version of this profile, a semantic version such as 1.2.0. Clusters report the "
      + "version they run; changing a cluster's profileRef to a profile of another version upgrades it.")
  private String version;

  @Size(max = 1024)
  @JsonPropertyDescription("What this version changes and why, for the people who choose to roll it out.")
  private String description;

  @Required
  @Size(min = 2, max = 32)
  @JsonPropertyDescription("The layers, bottom up: exactly one os and one kubernetes layer, then at most one "
      + "cni and csi layer and any number of addon layers. Layer names are unique.")
  private List<ProfileLayer> layers = new ArrayList<>();

  @Size(max = 64)
  @JsonPropertyDescription("Per-site values the layers' values refer to as ${vars.<name>} (write $${vars.<name>} "
      + "for the literal text ${vars.<name>}); each EdgeCluster gives its own in spec.variables. A change of a "
      + "cluster's value rolls out to its hosts like a profile change.")
  private List<ProfileVariable> variables = new ArrayList<>();

  public ClusterProfileSpec() {
  }

  public ClusterProfileSpec(String version, List<ProfileLayer> layers) {
    this.version = version;
    this.layers = layers;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<ProfileLayer> getLayers() {
    return layers;
  }

  public void setLayers(List<ProfileLayer> layers) {
    this.layers = layers;
  }

  public List<ProfileVariable> getVariables() {
    return variables;
  }

  public void setVariables(List<ProfileVariable> variables) {
    this.variables = variables == null ? new ArrayList<>() : variables;
  }
}
