package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What is known of a host. Two parties write it: the gateway writes what the agent reports
 * ({@code lastSeen}, {@code inventory}, {@code site}, {@code profileVersion}, {@code report}), the
 * reconciler writes its judgement and intent ({@code phase}, {@code cluster}, {@code plan},
 * conditions). Each writes only its own fields, so neither loses the other's update.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class EdgeHostStatus extends ReconciledStatus {

  /** The phases of a host, in lifecycle order. */
  public enum Phase {
    Pending, Available, Provisioning, Running, Upgrading, Failed, Unreachable
  }

  @JsonPropertyDescription("Pending (pre-provisioned, never seen), Available (registered, in no cluster), "
      + "Provisioning (claimed by a cluster, first plan not yet applied), Running (healthy on its plan), "
      + "Upgrading (applying a changed plan), Failed (the agent reported a failure), Unreachable (no "
      + "report for longer than the staleness limit).")
  private Phase phase;

  @JsonPropertyDescription("The cluster that claimed this host and the role it has there; unset while the "
      + "host is in no cluster.")
  private ClusterAssignment cluster;

  @JsonPropertyDescription("The profile version the agent reports as applied on this host.")
  private String profileVersion;

  @JsonPropertyDescription("When the agent last reported or sent a heartbeat (RFC 3339).")
  private String lastSeen;

  @JsonPropertyDescription("How the host registered: with which token, when.")
  private RegistrationRecord registration;

  @JsonPropertyDescription("Hardware and operating system as the agent reported them at registration.")
  private HostInventory inventory;

  @JsonPropertyDescription("Site settings as the agent reported them applied.")
  private SiteSettings site;

  @JsonPropertyDescription("What the operator wants this host to run. The generation increases with every "
      + "change; the agent applies the plan and reports back the generation it applied.")
  private HostPlan plan;

  @JsonPropertyDescription("The agent's last report on the plan: the generation it worked on and how it went.")
  private AgentReport report;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public ClusterAssignment getCluster() {
    return cluster;
  }

  public void setCluster(ClusterAssignment cluster) {
    this.cluster = cluster;
  }

  public String getProfileVersion() {
    return profileVersion;
  }

  public void setProfileVersion(String profileVersion) {
    this.profileVersion = profileVersion;
  }

  public String getLastSeen() {
    return lastSeen;
  }

  public void setLastSeen(String lastSeen) {
    this.lastSeen = lastSeen;
  }

  public RegistrationRecord getRegistration() {
    return registration;
  }

  public void setRegistration(RegistrationRecord registration) {
    this.registration = registration;
  }

  public HostInventory getInventory() {
    return inventory;
  }

  public void setInventory(HostInventory inventory) {
    this.inventory = inventory;
  }

  public SiteSettings getSite() {
    return site;
  }

  public void setSite(SiteSettings site) {
    this.site = site;
  }

  public HostPlan getPlan() {
    return plan;
  }

  public void setPlan(HostPlan plan) {
    this.plan = plan;
  }

  public AgentReport getReport() {
    return report;
  }

  public void setReport(AgentReport report) {
    this.report = report;
  }
}
