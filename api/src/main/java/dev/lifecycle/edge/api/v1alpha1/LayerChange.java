package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How one layer differs between the two profile versions of a rollout, and what that costs a host. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class LayerChange {

  /** How the layer changes. */
  public enum Change {
    Added, Removed, Changed
  }

  /** What a host must do to take the change, least disruptive first. */
  public enum HostAction {
    /** Nothing on the host: the change is applied inside the running cluster. */
    None,
    /** The host restarts services (such as the Kubernetes services) but does not reboot. */
    RestartServices,
    /** The host reboots into a new image. */
    Reboot
  }

  @JsonPropertyDescription("Name of the layer.")
  private String name;

  @JsonPropertyDescription("Type of the layer: os, kubernetes, cni, csi or addon.")
  private LayerType type;

  @JsonPropertyDescription("Added, Removed or Changed.")
  private Change change;

  @JsonPropertyDescription("The layer's version before the rollout; unset for an added layer.")
  private String fromVersion;

  @JsonPropertyDescription("The layer's version after the rollout; unset for a removed layer.")
  private String toVersion;

  @JsonPropertyDescription("What the change costs a host: Reboot (os image), RestartServices (kubernetes, cni, "
      + "csi) or None (add-ons, values only).")
  private HostAction hostAction;

  public LayerChange() {
  }

  public LayerChange(String name, LayerType type, Change change, String fromVersion, String toVersion,
      HostAction hostAction) {
    this.name = name;
    this.type = type;
    this.change = change;
    this.fromVersion = fromVersion;
    this.toVersion = toVersion;
    this.hostAction = hostAction;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LayerType getType() {
    return type;
  }

  public void setType(LayerType type) {
    this.type = type;
  }

  public Change getChange() {
    return change;
  }

  public void setChange(Change change) {
    this.change = change;
  }

  public String getFromVersion() {
    return fromVersion;
  }

  public void setFromVersion(String fromVersion) {
    this.fromVersion = fromVersion;
  }

  public String getToVersion() {
    return toVersion;
  }

  public void setToVersion(String toVersion) {
    this.toVersion = toVersion;
  }

  public HostAction getHostAction() {
    return hostAction;
  }

  public void setHostAction(HostAction hostAction) {
    this.hostAction = hostAction;
  }
}
