package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A reference by name to an object of the referrer's own namespace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ObjectNameReference {

  @Required
  @Size(min = 1, max = 253)
  @ValidationRule(value = Validation.DNS1123_SUBDOMAIN_RULE,
      message = "name must be a DNS-1123 name of lower-case letters, digits, '-' and '.'")
  @JsonPropertyDescription("Name of the object, in the same namespace.")
  private String name;

  public ObjectNameReference() {
  }

  public ObjectNameReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
