package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The last value of the upgrade-now annotation a rollout took: kept from rollout to rollout, so that a
 * value starts one rollout outside the maintenance windows, once, also across operator restarts.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeNowRecord {

  /** The annotation on an EdgeCluster that lets its rollout run outside the maintenance windows. */
  public static final String ANNOTATION = "edge.lifecycle.dev/upgrade-now";

  @JsonPropertyDescription("The annotation's value that was taken; the same value is never taken twice.")
  private String value;

  @JsonPropertyDescription("The rollout (status.upgrade.id) it let run outside the maintenance windows.")
  private String rollout;

  @JsonPropertyDescription("When it was taken (RFC 3339).")
  private String acceptedAt;

  public UpgradeNowRecord() {
  }

  public UpgradeNowRecord(String value, String rollout, String acceptedAt) {
    this.value = value;
    this.rollout = rollout;
    this.acceptedAt = acceptedAt;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getRollout() {
    return rollout;
  }

  public void setRollout(String rollout) {
    this.rollout = rollout;
  }

  public String getAcceptedAt() {
    return acceptedAt;
  }

  public void setAcceptedAt(String acceptedAt) {
    this.acceptedAt = acceptedAt;
  }
}
