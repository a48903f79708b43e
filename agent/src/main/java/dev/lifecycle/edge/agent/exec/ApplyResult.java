package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.wire.Site;

/**
 * How applying a plan ended.
 *
 * @param success whether the plan is applied
 * @param message what to tell the operator: the last lines of output, or why it failed
 * @param site the effective site settings the host runs with after the plan (with success), or null
 */
public record ApplyResult(boolean success, String message, Site site) {

  public ApplyResult(boolean success, String message) {
    this(success, message, null);
  }

  /** The plan is applied. */
  public static ApplyResult applied(String message) {
    return new ApplyResult(true, message);
  }

  /** The plan could not be applied. */
  public static ApplyResult failed(String message) {
    return new ApplyResult(false, message);
  }

  /** This result, with the site settings the host runs with. */
  public ApplyResult withSite(Site applied) {
    return new ApplyResult(success, message, applied);
  }
}
