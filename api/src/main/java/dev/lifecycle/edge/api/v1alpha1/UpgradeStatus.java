package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A rollout from one profile version to another. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeStatus {

  @JsonPropertyDescription("Profile version the rollout started from.")
  private String from;

  @JsonPropertyDescription("Profile version the rollout moves to.")
  private String to;

  @JsonPropertyDescription("Hosts healthy on the target version.")
  private Integer updated;

  @JsonPropertyDescription("Hosts in the rollout.")
  private Integer total;

  @JsonPropertyDescription("When the rollout started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("The host that failed or timed out, which stopped or reversed the rollout.")
  private String failedHost;

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public Integer getUpdated() {
    return updated;
  }

  public void setUpdated(Integer updated) {
    this.updated = updated;
  }

  public Integer getTotal() {
    return total;
  }

  public void setTotal(Integer total) {
    this.total = total;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFailedHost() {
    return failedHost;
  }

  public void setFailedHost(String failedHost) {
    this.failedHost = failedHost;
  }
}
