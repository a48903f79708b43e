package dev.lifecycle.edge.agent.exec;

/**
 * How applying a plan ended.
 *
 * @param success whether the plan is applied
 * @param message what to tell the operator: the last lines of output, or why it failed
 */
public record ApplyResult(boolean success, String message) {

  /** The plan is applied. */
  public static ApplyResult applied(String message) {
    return new ApplyResult(true, message);
  }

  /** The plan could not be applied. */
  public static ApplyResult failed(String message) {
    return new ApplyResult(false, message);
  }
}
