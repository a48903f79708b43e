package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What is known of a host. Several parties write it, each only its own fields, every write a
 * read-modify-write of a fresh object with optimistic locking, so none loses another's update:
 *
 * <table>
 *   <caption>Who writes which field</caption>
 *   <tr><th>field</th><th>written by</th><th>when</th></tr>
 *   <tr><td>{@code registration}, {@code inventory}</td><td>gateway, registration</td>
 *       <td>the agent registers (first contact, or the same machine again)</td></tr>
 *   <tr><td>{@code lastSeen}</td><td>gateway, registration, report and heartbeat</td>
 *       <td>the agent calls; a heartbeat writes it at most once per refresh interval</td></tr>
 *   <tr><td>{@code report}, {@code profileVersion}, {@code site}</td><td>gateway, report</td>
 *       <td>the agent reports on a plan; {@code profileVersion} and {@code site} only when the plan is
 *       Applied</td></tr>
 *   <tr><td>{@code cluster}</td><td>EdgeClusterReconciler, formation</td>
 *       <td>a claim (only while unclaimed), a release when the cluster is deleted</td></tr>
 *   <tr><td>{@code plan}</td><td>EdgeClusterReconciler, formation and rollout</td>
 *       <td>formation plans, a rollout's move plans, the reset plan of a release (only while the cluster
 *       owns the host); each plan's generation is one above the last</td></tr>
 *   <tr><td>{@code plan} (Configure)</td><td>EdgeHostReconciler</td>
 *       <td>the operator's site settings of the host changed and its current plan is applied</td></tr>
 *   <tr><td>{@code phase}, {@code conditions}, {@code observedGeneration}</td><td>EdgeHostReconciler</td>
 *       <td>its verdict on the other fields; the gateway's registration and report and the rollout's
 *       move plans write the same verdict, judged by the same code, in their own write (one write, not
 *       two)</td></tr>
 * </table>
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

  @JsonPropertyDescription("When the agent last reported or sent a heartbeat (RFC 3339). While heartbeats come it is "
      + "written every --last-seen-interval (5m by default): the phase says whether the host is heard.")
  private String lastSeen;

  @JsonPropertyDescription("How the host registered: with which token, when.")
  private RegistrationRecord registration;

  @JsonPropertyDescription("Hardware and operating system as the agent reported them at registration.")
  private HostInventory inventory;

  @JsonPropertyDescription("The effective site settings the agent last reported applied (with an Applied "
      + "report): its installer user-data's defaults, overridden field by field by the plan's site (token "
      + "network defaults, then spec.site), overridden by the site user-data a technician gave the host. "
      + "Unset until the host applied a plan; empty when no layer sets anything.")
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
