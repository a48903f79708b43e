package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.time.Instant;
import java.util.Optional;

/**
 * One host as the rollout planner sees it.
 *
 * @param name the EdgeHost's name
 * @param role control-plane or worker
 * @param planVersion the profile version the host's current plan asks for
 * @param health how the host stands on its current plan
 * @param report what the agent last said about its plan (the failure it reported), or null
 * @param move when and in which position this rollout moved the host, if it did
 */
public record RolloutHost(String name, HostRole role, String planVersion, HostHealth health, String report,
    Optional<Move> move) {

  /**
   * A move of this rollout, read back from the host's plan.
   *
   * @param order the position at which the rollout moved the host (0, 1, ...)
   * @param at when the plan was issued; null only for a plan that does not say, which never times out
   */
  public record Move(int order, Instant at) {
  }

  public boolean healthy() {
    return health == HostHealth.HEALTHY;
  }

  public boolean failed() {
    return health == HostHealth.FAILED;
  }

  public boolean outOfService() {
    return !healthy();
  }

  public boolean isControlPlane() {
    return role == HostRole.CONTROL_PLANE;
  }

  public boolean on(String version) {
    return version.equals(planVersion);
  }

  public boolean healthyOn(String version) {
    return on(version) && healthy();
  }

  public boolean moved() {
    return move.isPresent();
  }

  /** Moved by this rollout to {@code version} and not yet healthy there. */
  public boolean inFlightTo(String version) {
    return moved() && on(version) && !healthy();
  }

  /** This host once its plan is moved to {@code version} at {@code now}, before it says anything about it. */
  public RolloutHost movedTo(String version, int order, Instant now) {
    HostHealth after = health == HostHealth.UNREACHABLE ? HostHealth.UNREACHABLE : HostHealth.APPLYING;
    return new RolloutHost(name, role, version, after, null, Optional.of(new Move(order, now)));
  }

  int moveOrder() {
    return move.map(Move::order).orElseThrow();
  }

  Optional<Instant> movedAt() {
    return move.map(Move::at);
  }
}
