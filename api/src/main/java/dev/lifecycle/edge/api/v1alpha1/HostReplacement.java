package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One host replacement of a cluster: under way (no finishedAt) or recently finished. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HostReplacement {

  /** Why a host was replaced. */
  public enum Reason {
    /** Failed or Unreachable for the cluster's unhealthyTimeout. */
    Unhealthy,
    /** Its EdgeHost carries the edge.lifecycle.dev/replace annotation. */
    Requested
  }

  @JsonPropertyDescription("The host replaced.")
  private String host;

  @JsonPropertyDescription("The spare host claimed to replace it.")
  private String replacement;

  @JsonPropertyDescription("The role of both hosts: control-plane or worker.")
  private HostRole role;

  @JsonPropertyDescription("Unhealthy (Failed or Unreachable for unhealthyTimeout; counts toward maxReplacements) "
      + "or Requested (the edge.lifecycle.dev/replace annotation).")
  private Reason reason;

  @JsonPropertyDescription("When the spare was claimed (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the replaced host was released with a Reset plan (RFC 3339), the spare running.")
  private String finishedAt;

  public HostReplacement() {
  }

  public HostReplacement(String host, String replacement, HostRole role, Reason reason, String startedAt,
      String finishedAt) {
    this.host = host;
    this.replacement = replacement;
    this.role = role;
    this.reason = reason;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public HostRole getRole() {
    return role;
  }

  public void setRole(HostRole role) {
    this.role = role;
  }

  public Reason getReason() {
    return reason;
  }

  public void setReason(Reason reason) {
    this.reason = reason;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }
}
