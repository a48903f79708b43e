package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.time.Instant;

/**
 * One host as the rollout planner sees it.
 *
 * @param name the EdgeHost's name
 * @param role control-plane or worker
 * @param planVersion the profile version the host's current plan asks for
 * @param healthy the agent reports the current plan applied and the host is reachable
 * @param failed the agent reports failure on the current plan
 * @param unreachable the host has not reported within the staleness limit
 * @param movedAt when the rollout changed this host's plan, or null if it has not
 * @param moveOrder the position at which the rollout moved this host (0, 1, ...), or -1 if it has not
 */
public record RolloutHost(String name, HostRole role, String planVersion, boolean healthy, boolean failed,
    boolean unreachable, Instant movedAt, int moveOrder) {

  public boolean outOfService() {
    return !healthy;
  }

  public boolean isControlPlane() {
    return role == HostRole.CONTROL_PLANE;
  }

  public boolean on(String version) {
    return version.equals(planVersion);
  }

  public boolean healthyOn(String version) {
    return on(version) && healthy;
  }

  public boolean moved() {
    return moveOrder >= 0;
  }
}
