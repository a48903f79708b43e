package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout from one profile version to another. Everything a restarted operator needs to go on is
 * here or in the hosts' plans (which carry this rollout's {@code id}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeStatus {

  /** How a rollout stands. */
  public enum Phase {
    /** Hosts are being moved to the target version. */
    Progressing,
    /** spec.paused is true: no new batch starts. */
    Paused,
    /** A host failed or timed out with onFailure: Pause, or a rollback failed: waiting for a human. */
    Stalled,
    /** A host failed with onFailure: Rollback: the moved hosts return to the old version, newest first. */
    RollingBack,
    /** Every moved host is back, healthy, on the old version. */
    RolledBack,
    /** Every host runs healthy on the target version. */
    Complete
  }

  @JsonPropertyDescription("Identifies the rollout; the plans it issues carry it in plan.rollout.")
  private String id;

  @JsonPropertyDescription("Progressing, Paused, Stalled, RollingBack, RolledBack or Complete.")
  private Phase phase;

  @JsonPropertyDescription("Profile version the rollout started from.")
  private String from;

  @JsonPropertyDescription("Profile version the rollout moves to.")
  private String to;

  @JsonPropertyDescription("Name of the ClusterProfile the rollout started from (kept in use until it ends).")
  private String fromProfile;

  @JsonPropertyDescription("Name of the ClusterProfile the rollout moves to.")
  private String toProfile;

  @JsonPropertyDescription("Hosts healthy on the target version.")
  private Integer updated;

  @JsonPropertyDescription("Hosts in the rollout.")
  private Integer total;

  @JsonPropertyDescription("When the rollout started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the rollout completed or finished rolling back (RFC 3339).")
  private String finishedAt;

  @JsonPropertyDescription("Hosts moved and not yet healthy on their new plan.")
  private List<String> inFlight = new ArrayList<>();

  @JsonPropertyDescription("The latest batch the rollout moved (once it turns back, the rollback's latest), kept "
      + "after its hosts are healthy until the next batch moves, so that the BatchUpgraded Event names every host "
      + "of the batch, also after an operator restart.")
  private RolloutBatch batch;

  @JsonPropertyDescription("The host that failed or timed out, which stopped or reversed the rollout.")
  private String failedHost;

  @JsonPropertyDescription("What the failed host reported, or that it timed out.")
  private String failure;

  @JsonPropertyDescription("The most disruptive thing a host must do for this rollout: Reboot, RestartServices "
      + "or None (no host is touched).")
  private LayerChange.HostAction hostAction;

  @JsonPropertyDescription("The layers that differ between the two versions, with what each costs a host; "
      + "computed before any host moves.")
  private List<LayerChange> layers = new ArrayList<>();

  @JsonPropertyDescription("While the rollout waits outside spec.upgradeStrategy.maintenanceWindows: when the next "
      + "window opens (RFC 3339, UTC); the operator looks again then. Unset while batches may start.")
  private String nextWindow;

  @JsonPropertyDescription("The last value of the annotation edge.lifecycle.dev/upgrade-now that a rollout took, "
      + "and which rollout it let run outside the maintenance windows; carried from rollout to rollout so that "
      + "a value is taken once.")
  private UpgradeNowRecord upgradeNow;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

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

  public String getFromProfile() {
    return fromProfile;
  }

  public void setFromProfile(String fromProfile) {
    this.fromProfile = fromProfile;
  }

  public String getToProfile() {
    return toProfile;
  }

  public void setToProfile(String toProfile) {
    this.toProfile = toProfile;
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

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  public List<String> getInFlight() {
    return inFlight;
  }

  public void setInFlight(List<String> inFlight) {
    this.inFlight = inFlight;
  }

  public RolloutBatch getBatch() {
    return batch;
  }

  public void setBatch(RolloutBatch batch) {
    this.batch = batch;
  }

  public String getFailedHost() {
    return failedHost;
  }

  public void setFailedHost(String failedHost) {
    this.failedHost = failedHost;
  }

  public String getFailure() {
    return failure;
  }

  public void setFailure(String failure) {
    this.failure = failure;
  }

  public LayerChange.HostAction getHostAction() {
    return hostAction;
  }

  public void setHostAction(LayerChange.HostAction hostAction) {
    this.hostAction = hostAction;
  }

  public String getNextWindow() {
    return nextWindow;
  }

  public void setNextWindow(String nextWindow) {
    this.nextWindow = nextWindow;
  }

  public UpgradeNowRecord getUpgradeNow() {
    return upgradeNow;
  }

  public void setUpgradeNow(UpgradeNowRecord upgradeNow) {
    this.upgradeNow = upgradeNow;
  }

  public List<LayerChange> getLayers() {
    return layers;
  }

  public void setLayers(List<LayerChange> layers) {
    this.layers = layers;
  }
}
