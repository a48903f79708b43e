package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Helm chart in a repository. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ChartReference {

  @Required
  @Size(min = 1, max = 512)
  @ValidationRule(value = "self.matches('^(https?|oci)://[^ ]+$')",
      message = "chart repository must be an http(s):// or oci:// URL")
  @JsonPropertyDescription("Repository URL of the chart: https://charts.example.com or "
      + "oci://registry.example.com/charts.")
  private String repository;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Name of the chart in the repository.")
  private String name;

  public ChartReference() {
  }

  public ChartReference(String repository, String name) {
    this.repository = repository;
    this.name = name;
  }

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
