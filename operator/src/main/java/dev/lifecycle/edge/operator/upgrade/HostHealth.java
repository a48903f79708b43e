package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;

/** How a host of a rollout stands, as the planner counts it: in service, working, failed or silent. */
public enum HostHealth {
  /** Reports its current plan applied and is reachable: in service. */
  HEALTHY,
  /** Reachable and not yet healthy on its current plan: out of service, neither failed nor silent. */
  APPLYING,
  /** The agent reported failure on the current plan. */
  FAILED,
  /** No report within the staleness limit. */
  UNREACHABLE;

  /** The health a host's phase means; a new phase must be placed here before it compiles. */
  public static HostHealth of(Phase phase) {
    return switch (phase) {
      case Running -> HEALTHY;
      case Failed -> FAILED;
      case Unreachable -> UNREACHABLE;
      // A host of a rollout that is not yet registered (Pending) or has left its cluster (Available)
      // serves nothing, as one still applying its plan.
      case Provisioning, Upgrading, Pending, Available -> APPLYING;
    };
  }
}
