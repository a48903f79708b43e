package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The agent's account of its work on a plan. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class AgentReport {

  /** How the agent's work on a plan stands. */
  public enum State {
    Applying, Applied, Failed
  }

  @JsonPropertyDescription("Generation of the plan this report is about.")
  private Long planGeneration;

  @JsonPropertyDescription("Applying (work under way), Applied (healthy on the plan) or Failed.")
  private State state;

  @JsonPropertyDescription("What the agent has to say, such as the failing step's output.")
  private String message;

  @JsonPropertyDescription("When the agent sent the report (RFC 3339).")
  private String reportedAt;

  public AgentReport() {
  }

  public AgentReport(Long planGeneration, State state, String message, String reportedAt) {
    this.planGeneration = planGeneration;
    this.state = state;
    this.message = message;
    this.reportedAt = reportedAt;
  }

  public Long getPlanGeneration() {
    return planGeneration;
  }

  public void setPlanGeneration(Long planGeneration) {
    this.planGeneration = planGeneration;
  }

  public State getState() {
    return state;
  }

  public void setState(State state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getReportedAt() {
    return reportedAt;
  }

  public void setReportedAt(String reportedAt) {
    this.reportedAt = reportedAt;
  }
}
