package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.Report;

/**
 * The last plan the agent finished working on, so a restart does not run it again.
 *
 * @param generation the plan's generation
 * @param state Applied or Failed
 * @param profileVersion the profile version applied (with Applied)
 */
public record HandledPlan(long generation, Report.State state, String profileVersion) {

  /** The plan a final report is about. */
  public static HandledPlan of(Report report) {
    return new HandledPlan(report.planGeneration(), Report.State.valueOf(report.state()), report.profileVersion());
  }
}
