package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;

/** The rules of a rolling upgrade. Edge hosts have no spare hardware, so there is no surge. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class UpgradeStrategy {

  /** What a rollout does when a host fails or times out. */
  public enum FailurePolicy {
    /** Stop the rollout, Stalled=True naming the host; a human decides. */
    Pause,
    /** Move the hosts already upgraded back to the old version, newest first. */
    Rollback
  }

  @ValidationRule(value = "type(self) == int ? self >= 1 : self.matches('^([1-9][0-9]?|100)%$')",
      message = "maxUnavailable must be a positive count such as 2 or a percentage from 1% to 100% such as 25%")
  @JsonPropertyDescription("Most hosts out of service at once during a rollout: a count such as 2 or a "
      + "percentage of the cluster's hosts such as 25% (rounded down, at least 1). Default 1.")
  private IntOrString maxUnavailable;

  @Default("30m")
  @Size(max = 32)
  @ValidationRule(value = Validation.DURATION_RULE,
      message = "hostTimeout must be a duration such as 90s, 30m or 1h")
  @JsonPropertyDescription("How long one host may take to report healthy on its new plan before it counts as "
      + "failed, as a duration such as 30m. Default 30m.")
  private String hostTimeout;

  @Default("Pause")
  @JsonPropertyDescription("What happens when a host fails or times out: Pause (stop, Stalled=True naming the "
      + "host) or Rollback (return the upgraded hosts to the old version in reverse order). Default Pause.")
  private FailurePolicy onFailure;

  @Size(max = 28)
  @JsonPropertyDescription("Weekly windows in which a rollout may start batches. Outside every window no new batch "
      + "starts (a batch under way finishes), status.upgrade.nextWindow shows when the next one opens and Ready "
      + "says the rollout waits for it (reason WaitingForMaintenanceWindow). A rollback is not held back. The "
      + "annotation edge.lifecycle.dev/upgrade-now with a new value lets the rollout under way, or the next one, "
      + "run outside the windows, once. None: a rollout may run at any time.")
  private List<MaintenanceWindow> maintenanceWindows = new ArrayList<>();

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }

  public String getHostTimeout() {
    return hostTimeout;
  }

  public void setHostTimeout(String hostTimeout) {
    this.hostTimeout = hostTimeout;
  }

  public FailurePolicy getOnFailure() {
    return onFailure;
  }

  public void setOnFailure(FailurePolicy onFailure) {
    this.onFailure = onFailure;
  }

  public List<MaintenanceWindow> getMaintenanceWindows() {
    return maintenanceWindows;
  }

  public void setMaintenanceWindows(List<MaintenanceWindow> maintenanceWindows) {
    this.maintenanceWindows = maintenanceWindows;
  }
}
