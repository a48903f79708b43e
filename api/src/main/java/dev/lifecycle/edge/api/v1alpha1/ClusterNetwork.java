package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Addresses of the cluster: the control-plane endpoint and the pod and service ranges. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!has(self.podCIDR) || !has(self.serviceCIDR) || self.podCIDR != self.serviceCIDR",
    message = "podCIDR and serviceCIDR must be different ranges")
public class ClusterNetwork {

  @Size(max = 15)
  @ValidationRule(value = Validation.IPV4_RULE,
      message = "controlPlaneEndpoint must be an IPv4 address such as 192.168.10.100")
  @JsonPropertyDescription("Virtual IP the control plane answers on, such as 192.168.10.100; the operator does "
      + "not set it up, a load balancer or keepalived must. Every plan carries it as the control-plane endpoint. "
      + "Unset: plans carry the address of the host that initialises the cluster, as its agent reported it in "
      + "status.inventory: the first IPv4 address of its first network interface (by name) that has one, "
      + "loopback and link-local addresses skipped. Until that host has reported one, no host is told to join.")
  private String controlPlaneEndpoint;

  @Default("10.42.0.0/16")
  @Size(max = 18)
  @ValidationRule(value = Validation.IPV4_CIDR_RULE, message = "podCIDR must be an IPv4 range such as 10.42.0.0/16")
  @JsonProperty("podCIDR")
  @JsonPropertyDescription("Range pod addresses come from. Default 10.42.0.0/16 (the operator applies it too "
      + "when an API server did not). Every plan carries it; hooks get it as EDGE_POD_CIDR.")
  private String podCidr;

  @Default("10.43.0.0/16")
  @Size(max = 18)
  @ValidationRule(value = Validation.IPV4_CIDR_RULE,
      message = "serviceCIDR must be an IPv4 range such as 10.43.0.0/16")
  @JsonProperty("serviceCIDR")
  @JsonPropertyDescription("Range service addresses come from. Default 10.43.0.0/16 (the operator applies it "
      + "too when an API server did not). Every plan carries it; hooks get it as EDGE_SERVICE_CIDR.")
  private String serviceCidr;

  public String getControlPlaneEndpoint() {
    return controlPlaneEndpoint;
  }

  public void setControlPlaneEndpoint(String controlPlaneEndpoint) {
    this.controlPlaneEndpoint = controlPlaneEndpoint;
  }

  public String getPodCidr() {
    return podCidr;
  }

  public void setPodCidr(String podCidr) {
    this.podCidr = podCidr;
  }

  public String getServiceCidr() {
    return serviceCidr;
  }

  public void setServiceCidr(String serviceCidr) {
    this.serviceCidr = serviceCidr;
  }
}
