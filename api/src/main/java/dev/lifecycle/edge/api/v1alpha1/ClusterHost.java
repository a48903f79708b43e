package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One host of a cluster as the cluster sees it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ClusterHost {

  @JsonPropertyDescription("Name of the EdgeHost.")
  private String name;

  @JsonPropertyDescription("Role in the cluster: control-plane or worker.")
  private HostRole role;

  @JsonPropertyDescription("Profile version the host reports applied.")
  private String profileVersion;

  @JsonPropertyDescription("The host's phase: Provisioning, Running, Upgrading, Failed or Unreachable.")
  private EdgeHostStatus.Phase state;

  @JsonPropertyDescription("Since when the cluster has seen the host Failed or Unreachable (RFC 3339); unset while "
      + "it is healthy. spec.remediation replaces it once this is unhealthyTimeout ago.")
  private String unhealthySince;

  @JsonPropertyDescription("The host this one was claimed to replace, while that host is still in the cluster.")
  private String replaces;

  public ClusterHost() {
  }

  public ClusterHost(String name, HostRole role, String profileVersion, EdgeHostStatus.Phase state) {
    this.name = name;
    this.role = role;
    this.profileVersion = profileVersion;
    this.state = state;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public HostRole getRole() {
    return role;
  }

  public void setRole(HostRole role) {
    this.role = role;
  }

  public String getProfileVersion() {
    return profileVersion;
  }

  public void setProfileVersion(String profileVersion) {
    this.profileVersion = profileVersion;
  }

  public EdgeHostStatus.Phase getState() {
    return state;
  }

  public void setState(EdgeHostStatus.Phase state) {
    this.state = state;
  }

  public String getUnhealthySince() {
    return unhealthySince;
  }

  public void setUnhealthySince(String unhealthySince) {
    this.unhealthySince = unhealthySince;
  }

  public String getReplaces() {
    return replaces;
  }

  public void setReplaces(String replaces) {
    this.replaces = replaces;
  }
}
