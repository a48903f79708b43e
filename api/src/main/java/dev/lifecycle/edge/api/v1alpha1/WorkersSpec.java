package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many worker hosts the cluster has, and which hosts may serve. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class WorkersSpec {

  @Default("0")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Number of worker hosts, from 0 to 1000. Raising it claims Available hosts that match "
      + "hostSelector and joins them, never touching running hosts. Lowering it releases the surplus workers, most "
      + "recently claimed first, in batches of at most upgradeStrategy.maxUnavailable hosts out of service: each "
      + "gets a Reset plan and returns to Available once its agent reports the reset applied; the next batch waits "
      + "for that. A change while a rollout is under way waits for the rollout to finish.")
  private Integer count;

  @JsonPropertyDescription("Which Available hosts may become workers; unset means any host.")
  private HostSelector hostSelector;

  @Size(max = 32)
  @ValidationRule(value = Validation.LABELS_RULE, message = NodeSettings.LABELS_MESSAGE)
  @JsonPropertyDescription(NodeSettings.LABELS_DESCRIPTION)
  private Map<String, @Size(max = 63) String> nodeLabels = new LinkedHashMap<>();

  @Size(max = 16)
  @ValidationRule(value = NodeSettings.TAINTS_UNIQUE_RULE, message = NodeSettings.TAINTS_UNIQUE_MESSAGE)
  @JsonPropertyDescription(NodeSettings.TAINTS_DESCRIPTION)
  private List<NodeTaint> nodeTaints = new ArrayList<>();

  public WorkersSpec() {
  }

  public WorkersSpec(Integer count) {
    this.count = count;
  }

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public HostSelector getHostSelector() {
    return hostSelector;
  }

  public void setHostSelector(HostSelector hostSelector) {
    this.hostSelector = hostSelector;
  }

  public Map<String, String> getNodeLabels() {
    return nodeLabels;
  }

  public void setNodeLabels(Map<String, String> nodeLabels) {
    this.nodeLabels = nodeLabels == null ? new LinkedHashMap<>() : nodeLabels;
  }

  public List<NodeTaint> getNodeTaints() {
    return nodeTaints;
  }

  public void setNodeTaints(List<NodeTaint> nodeTaints) {
    this.nodeTaints = nodeTaints == null ? new ArrayList<>() : nodeTaints;
  }
}
