package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many control-plane hosts the cluster has, and which hosts may serve. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ControlPlaneSpec {

  @Default("1")
  @ValidationRule(value = "self == 1 || self == 3",
      message = "controlPlane.count must be 1 or 3: etcd needs an odd quorum, and 3 hosts survive the loss of one")
  @ValidationRule(value = "self >= oldSelf",
      message = "controlPlane.count cannot shrink: a control plane of 3 hosts cannot be reduced to 1 (its etcd members "
          + "would have to be removed one by one, which the operator does not do); keep 3, or create a new cluster "
          + "with 1 control-plane host and move the workloads")
  @JsonPropertyDescription("Number of control-plane hosts: 1, or 3 for a control plane that survives the loss "
      + "of one host. It can grow from 1 to 3 on a formed cluster: the two new hosts are claimed and join one at a "
      + "time, each once the one before it is healthy (after any rollout under way). It can never shrink: "
      + "changing 3 to 1 is refused by validation.")
  private Integer count;

  @JsonPropertyDescription("Which Available hosts may become control-plane hosts; unset means any host.")
  private HostSelector hostSelector;

  @Size(max = 32)
  @ValidationRule(value = Validation.LABELS_RULE, message = NodeSettings.LABELS_MESSAGE)
  @JsonPropertyDescription(NodeSettings.LABELS_DESCRIPTION)
  private Map<String, @Size(max = 63) String> nodeLabels = new LinkedHashMap<>();

  @Size(max = 16)
  @ValidationRule(value = NodeSettings.TAINTS_UNIQUE_RULE, message = NodeSettings.TAINTS_UNIQUE_MESSAGE)
  @JsonPropertyDescription(NodeSettings.TAINTS_DESCRIPTION)
  private List<NodeTaint> nodeTaints = new ArrayList<>();

  public ControlPlaneSpec() {
  }

  public ControlPlaneSpec(Integer count) {
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
