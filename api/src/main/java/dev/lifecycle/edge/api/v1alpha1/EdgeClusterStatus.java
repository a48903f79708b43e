package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** How the cluster stands: phase, version, hosts, readiness and any rollout under way. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class EdgeClusterStatus extends ReconciledStatus {

  /** The phases of a cluster. */
  public enum Phase {
    Pending, Provisioning, Running, Upgrading, Degraded, Failed, Deleting
  }

  @JsonPropertyDescription("Pending (waiting for its profile or for hosts), Provisioning (forming), Running, "
      + "Upgrading (a rollout is under way), Degraded (formed, but hosts are not healthy), Failed, Deleting.")
  private Phase phase;

  @JsonPropertyDescription("The profile version the whole cluster runs. Set when formation completes; changes "
      + "only when a rollout completes.")
  private String profileVersion;

  @JsonPropertyDescription("The hosts the cluster claimed, control plane first.")
  private List<ClusterHost> hosts = new ArrayList<>();

  @JsonPropertyDescription("Healthy control-plane hosts over wanted ones, such as 3/3.")
  private String controlPlaneReady;

  @JsonPropertyDescription("Healthy workers over wanted ones, such as 4/5.")
  private String workersReady;

  @JsonPropertyDescription("The rollout under way or last finished; unset before the first upgrade.")
  private UpgradeStatus upgrade;

  @JsonPropertyDescription("Host replacements under way (no finishedAt) and those of the last 24 hours, oldest "
      + "first (spec.remediation, or the edge.lifecycle.dev/replace annotation).")
  private List<HostReplacement> replacements = new ArrayList<>();

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getProfileVersion() {
    return profileVersion;
  }

  public void setProfileVersion(String profileVersion) {
    this.profileVersion = profileVersion;
  }

  public List<ClusterHost> getHosts() {
    return hosts;
  }

  public void setHosts(List<ClusterHost> hosts) {
    this.hosts = hosts == null ? new ArrayList<>() : hosts;
  }

  public String getControlPlaneReady() {
    return controlPlaneReady;
  }

  public void setControlPlaneReady(String controlPlaneReady) {
    this.controlPlaneReady = controlPlaneReady;
  }

  public String getWorkersReady() {
    return workersReady;
  }

  public void setWorkersReady(String workersReady) {
    this.workersReady = workersReady;
  }

  public List<HostReplacement> getReplacements() {
    return replacements;
  }

  public void setReplacements(List<HostReplacement> replacements) {
    this.replacements = replacements == null ? new ArrayList<>() : replacements;
  }

  public UpgradeStatus getUpgrade() {
    return upgrade;
  }

  public void setUpgrade(UpgradeStatus upgrade) {
    this.upgrade = upgrade;
  }
}
