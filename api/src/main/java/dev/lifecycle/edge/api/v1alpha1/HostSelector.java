package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A label selector over EdgeHosts, in the Kubernetes shape; all terms must match. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HostSelector {

  @Size(max = 32)
  @ValidationRule(value = Validation.LABELS_RULE,
      message = "matchLabels must be valid Kubernetes labels: keys like example.com/name, values of at most 63 "
          + "letters, digits, '-', '_' or '.'")
  @JsonPropertyDescription("Labels a host must carry, all of them, with these values.")
  // Values bounded (a label value has at most 63 characters) so that the API server's cost estimate of the
  // rule stays within its budget: for an unbounded string it assumes the whole request size.
  private Map<String, @Size(max = 63) String> matchLabels = new LinkedHashMap<>();

  @Size(max = 16)
  @JsonPropertyDescription("Label expressions a host must satisfy, all of them.")
  private List<LabelRequirement> matchExpressions = new ArrayList<>();

  public HostSelector() {
  }

  public HostSelector(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels == null ? new LinkedHashMap<>() : matchLabels;
  }

  public List<LabelRequirement> getMatchExpressions() {
    return matchExpressions;
  }

  public void setMatchExpressions(List<LabelRequirement> matchExpressions) {
    this.matchExpressions = matchExpressions == null ? new ArrayList<>() : matchExpressions;
  }
}
