package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How many control-plane hosts the cluster has, and which hosts may serve. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ControlPlaneSpec {

  @Default("1")
  @ValidationRule(value = "self == 1 || self == 3",
      message = "controlPlane.count must be 1 or 3: etcd needs an odd quorum, and 3 hosts survive the loss of one")
  @JsonPropertyDescription("Number of control-plane hosts: 1, or 3 for a control plane that survives the loss "
      + "of one host. Immutable in practice: changing it on a formed cluster is not supported.")
  private Integer count;

  @JsonPropertyDescription("Which Available hosts may become control-plane hosts; unset means any host.")
  private HostSelector hostSelector;

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
}
