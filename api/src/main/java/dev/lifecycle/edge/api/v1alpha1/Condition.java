package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * A condition in the shape every Kubernetes tool reads (metav1.Condition): kubectl wait, Argo CD,
 * Flux and kstatus judge a resource from {@code Ready}, {@code Reconciling} and {@code Stalled}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Condition {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  @Required
  @Size(min = 1, max = 316)
  @JsonPropertyDescription("Type of the condition, in CamelCase: Ready, Reconciling or Stalled.")
  private String type;

  @Required
  @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
  private ConditionStatus status;

  @Size(max = 1024)
  @JsonPropertyDescription("Reason for the condition's last transition, a CamelCase constant that tools and "
      + "alerts can match on.")
  private String reason;

  @Size(max = 32768)
  @JsonPropertyDescription("Message for a person: what happened and, when something is wrong, what to do.")
  private String message;

  @JsonPropertyDescription("When the condition last changed from one status to another (RFC 3339). It does "
      + "not change when only the reason or message changes.")
  private String lastTransitionTime;

  @JsonPropertyDescription("The metadata.generation of the resource that this condition was computed from.")
  private Long observedGeneration;

  public Condition() {
  }

  public Condition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = ConditionStatus.of(status);
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public ConditionStatus getStatus() {
    return status;
  }

  public void setStatus(ConditionStatus status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  @JsonIgnore
  public boolean isTrue() {
    return status == ConditionStatus.True;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Condition)) {
      return false;
    }
    Condition that = (Condition) o;
    return Objects.equals(type, that.type) && status == that.status && Objects.equals(reason, that.reason)
        && Objects.equals(message, that.message) && Objects.equals(lastTransitionTime, that.lastTransitionTime)
        && Objects.equals(observedGeneration, that.observedGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
  }

  @Override
  public String toString() {
    return type + "=" + status + " (" + reason + "): " + message;
  }
}
