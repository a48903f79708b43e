package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which cluster owns a host, and as what. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ClusterAssignment {

  @JsonPropertyDescription("Name of the EdgeCluster, in the host's namespace, that claimed the host.")
  private String name;

  @JsonPropertyDescription("Role of the host in that cluster: control-plane or worker.")
  private HostRole role;

  @JsonPropertyDescription("When the cluster claimed the host (RFC 3339). Scaling down releases the most recently "
      + "claimed workers first; hosts claimed before this field existed count as oldest.")
  private String claimedAt;

  @JsonPropertyDescription("The host of the same cluster this one was claimed to replace (spec.remediation, or the "
      + "edge.lifecycle.dev/replace annotation). Written with the claim, so a replacement under way survives any "
      + "restart; the replaced host is released once this one runs.")
  private String replaces;

  public ClusterAssignment() {
  }

  public ClusterAssignment(String name, HostRole role) {
    this.name = name;
    this.role = role;
  }

  public ClusterAssignment(String name, HostRole role, String claimedAt) {
    this(name, role);
    this.claimedAt = claimedAt;
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

  public String getClaimedAt() {
    return claimedAt;
  }

  public void setClaimedAt(String claimedAt) {
    this.claimedAt = claimedAt;
  }

  public String getReplaces() {
    return replaces;
  }

  public void setReplaces(String replaces) {
    this.replaces = replaces;
  }
}
