package dev.lifecycle.edge.agent.wire;

/**
 * Body of {@code POST /v1/report}.
 *
 * @param planGeneration the generation of the plan this report is about
 * @param state Applying, Applied or Failed
 * @param message optional text, such as the failing hook's last lines of output
 * @param profileVersion the version now applied (with Applied)
 */
public record Report(long planGeneration, State state, String message, String profileVersion) {

  /** How the agent's work on a plan stands. */
  public enum State {
    Applying, Applied, Failed
  }

  /** Work on {@code plan} has started. */
  public static Report applying(Plan plan) {
    return new Report(plan.generation(), State.Applying, null, null);
  }

  /** {@code plan} is applied; the host now runs its profile version. */
  public static Report applied(Plan plan, String message) {
    return new Report(plan.generation(), State.Applied, message, plan.profileVersion());
  }

  /** {@code plan} could not be applied, for the reason {@code message} gives. */
  public static Report failed(Plan plan, String message) {
    return new Report(plan.generation(), State.Failed, message, null);
  }
}
