package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.wire.Report;
import java.util.Objects;

/**
 * Whether the operator believes a well-formed report ({@link RequestRules#report}): only one about the
 * host's current plan, naming that plan's version when it says Applied, and never one that takes back
 * an Applied (an agent that lost its state re-running a plan it already applied). Pure: judged against
 * the plan and the last report as the host has them.
 */
public final class ReportRules {

  private ReportRules() {
  }

  /** What to do with a report. */
  public sealed interface Decision permits Accept, Refuse {
  }

  /** The report is recorded. */
  public record Accept() implements Decision {
  }

  /**
   * The report is refused and changes nothing.
   *
   * @param status 400 for a plan the host never had, 409 for a report the host's plan has moved past
   * @param message for a person: what the host's plan is and what the report said
   */
  public record Refuse(int status, String message) implements Decision {
  }

  /**
   * @param plan the host's current plan, or null when it has none
   * @param lastReport the report recorded last, or null
   * @param report the report, well-formed
   */
  public static Decision decide(HostPlan plan, AgentReport lastReport, Report report) {
    if (plan == null || plan.getGeneration() == null) {
      return new Refuse(400, "the host has no plan to report on: fetch GET /v1/plan first");
    }
    long current = plan.getGeneration();
    long reported = report.planGeneration();
    if (reported > current) {
      return new Refuse(400, "planGeneration " + reported + " is not a plan of this host: its current plan is "
          + "generation " + current);
    }
    if (reported < current) {
      return new Refuse(409, "planGeneration " + reported + " is no longer this host's plan: its current plan is "
          + "generation " + current + "; fetch GET /v1/plan");
    }
    AgentReport.State state = AgentReport.State.valueOf(report.state());
    if (state == AgentReport.State.Applied && !Objects.equals(report.profileVersion(), plan.getProfileVersion())) {
      return new Refuse(409, "plan generation " + current + " " + (plan.getProfileVersion() == null
          ? "is a " + plan.getAction() + " with no profile version: an Applied report on it names none"
          : "is profile version " + plan.getProfileVersion() + ": an Applied report on it names that version")
          + ", not " + Objects.requireNonNullElse(report.profileVersion(), "none"));
    }
    if (lastReport != null && Objects.equals(lastReport.getPlanGeneration(), current)
        && lastReport.getState() == AgentReport.State.Applied && state != AgentReport.State.Applied) {
      return new Refuse(409, "plan generation " + current + " is already reported Applied: a " + state
          + " report cannot take that back; a change comes as a new plan");
    }
    return new Accept();
  }
}
