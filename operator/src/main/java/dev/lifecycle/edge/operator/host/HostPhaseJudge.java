package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a host's phase from what is recorded about it: registration, cluster assignment, plan and
 * the agent's last report and heartbeat. Pure, so the same facts always give the same phase.
 */
public final class HostPhaseJudge {

  private HostPhaseJudge() {
  }

  /**
   * @param status the host's status (may be null for a host never touched)
   * @param now the instant to judge at
   * @param staleness how long without a heartbeat before a host counts as Unreachable
   */
  public static Phase phase(EdgeHostStatus status, Instant now, Duration staleness) {
    Optional<Instant> lastSeen = HostRules.lastSeen(status);
    if (lastSeen.isEmpty()) {
      return Phase.Pending;
    }
    if (lastSeen.get().plus(staleness).isBefore(now)) {
      return Phase.Unreachable;
    }
    HostPlan plan = status.getPlan();
    if (status.getCluster() == null) {
      return Phase.Available;
    }
    if (plan == null) {
      return Phase.Provisioning;
    }
    AgentReport report = status.getReport();
    boolean reportIsOnPlan = report != null && Objects.equals(report.getPlanGeneration(), plan.getGeneration());
    if (reportIsOnPlan && report.getState() == AgentReport.State.Failed) {
      return Phase.Failed;
    }
    if (reportIsOnPlan && report.getState() == AgentReport.State.Applied) {
      return Phase.Running;
    }
    return plan.getAction() == HostPlan.Action.Upgrade ? Phase.Upgrading : Phase.Provisioning;
  }

  /** When a reachable host becomes Unreachable if it stays silent: the instant to re-judge it. */
  public static Optional<Instant> unreachableAt(EdgeHostStatus status, Duration staleness) {
    return HostRules.lastSeen(status).map(seen -> seen.plus(staleness));
  }
}
