package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/report}. The state travels as text, so that the gateway answers a state it
 * does not know with the states it does.
 *
 * @param planGeneration the generation of the plan this report is about (required)
 * @param state one of {@link State}'s names (required)
 * @param message optional text, such as the failing hook's last lines of output
 * @param profileVersion the version now applied (with Applied)
 * @param site the site settings the host applied for this plan (with Applied): the merge of its
 *     user-data defaults, the plan's site and its site user-data
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Report(Long planGeneration, String state, String message, String profileVersion, Site site) {

  /** A report that says nothing of site settings. */
  public Report(Long planGeneration, String state, String message, String profileVersion) {
    this(planGeneration, state, message, profileVersion, null);
  }

  /** How the agent's work on a plan stands. */
  public enum State {
    Applying, Applied, Failed
  }

  /** Work on {@code plan} has started. */
  public static Report applying(Plan plan) {
    return new Report(plan.generation(), State.Applying.name(), null, null);
  }

  /** {@code plan} is applied; the host now runs its profile version. */
  public static Report applied(Plan plan, String message) {
    return new Report(plan.generation(), State.Applied.name(), message, plan.profileVersion());
  }

  /** {@code plan} is applied with the effective site settings {@code site} (left out when they set nothing). */
  public static Report applied(Plan plan, String message, Site site) {
    return new Report(plan.generation(), State.Applied.name(), message, plan.profileVersion(),
        SiteLayers.orNull(site));
  }

  /** {@code plan} could not be applied, for the reason {@code message} gives. */
  public static Report failed(Plan plan, String message) {
    return new Report(plan.generation(), State.Failed.name(), message, null);
  }
}
