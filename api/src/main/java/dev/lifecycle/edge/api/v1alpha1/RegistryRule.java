package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One mapping of image references onto a registry: an exact repository (docker.io/library/nginx) to another, or
 * every repository under a prefix (docker.io/*, docker.io/bitnami/*) to the same path under another prefix.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self.from.endsWith('/*') == self.to.endsWith('/*')",
    message = "a rule maps a prefix to a prefix and a repository to a repository: from and to must both end in /* "
        + "or neither")
public class RegistryRule {

  @Required
  @Size(min = 1, max = 255)
  @ValidationRule(value = "self.matches('" + Validation.REPOSITORY_PATTERN_REGEX + "')",
      message = "from must be a repository with its registry, such as docker.io/library/nginx, or a prefix ending "
          + "in /*, such as docker.io/* or docker.io/bitnami/*; no tag or digest")
  @JsonPropertyDescription("What the rule matches, on the normalized reference (nginx:1.25 is "
      + "docker.io/library/nginx:1.25): a repository with its registry (docker.io/library/nginx) matches it exactly, "
      + "whatever its tag or digest; a prefix ending in /* (docker.io/*, docker.io/bitnami/*) matches every "
      + "repository below it.")
  private String from;

  @Required
  @Size(min = 1, max = 255)
  @ValidationRule(value = "self.matches('" + Validation.REPOSITORY_PATTERN_REGEX + "')",
      message = "to must be a repository on the registry's host, such as registry.site.local/mirror/nginx, or a "
          + "prefix ending in /*, such as registry.site.local/mirror/*; no tag or digest")
  @JsonPropertyDescription("What a matched reference becomes, on the registry's own host: a repository for an exact "
      + "rule, or a prefix ending in /* that replaces from's prefix (docker.io/* to registry.site.local/mirror/* "
      + "maps docker.io/library/nginx:1.25 to registry.site.local/mirror/library/nginx:1.25). Tag and digest "
      + "are kept.")
  private String to;

  public RegistryRule() {
  }

  public RegistryRule(String from, String to) {
    this.from = from;
    this.to = to;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
