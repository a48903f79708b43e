package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** One key of a Secret in the cluster's own namespace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SecretKeyReference {

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the Secret, in the EdgeCluster's namespace. It must carry the label "
      + "edge.lifecycle.dev/variables (any value): the operator and the gateway watch only such Secrets.")
  private String name;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Key of the Secret's data that holds the value.")
  private String key;

  public SecretKeyReference() {
  }

  public SecretKeyReference(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKeyReference other && Objects.equals(name, other.name) && Objects.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key);
  }

  @Override
  public String toString() {
    return "Secret " + name + ", key " + key;
  }
}
