package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A reference to a ClusterProfile in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProfileReference {

  @Required
  @Size(min = 1, max = 253)
  @ValidationRule(value = Validation.DNS1123_SUBDOMAIN_RULE,
      message = "profileRef.name must be the name of a ClusterProfile: a DNS-1123 name of lower-case "
          + "letters, digits, '-' and '.'")
  @JsonPropertyDescription("Name of the ClusterProfile, such as store-edge-1.1.0.")
  private String name;

  public ProfileReference() {
  }

  public ProfileReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
