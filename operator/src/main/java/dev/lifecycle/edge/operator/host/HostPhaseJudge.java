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
 *
 * <p>A host released by its deleted cluster stays Provisioning while it applies its Reset plan, turns
 * Available only once the agent reports that reset applied (so no cluster claims a host still being
 * wiped), and Failed when the agent reports the reset failed: a person fixes the machine and has the
 * agent run the reset again (docs/troubleshooting.md, ResetFailed).
 */
public final class HostPhaseJudge {

  private HostPhaseJudge() {
  }

  /**
   * @param status the host's status (may be null for a host never touched)
   * @param now the instant to judge at
   * @param staleness how long without a heartbeat before a host counts as Unreachable
   * @param heardSince the latest instant the host counts as heard apart from its {@code lastSeen}
   *     ({@link HostLiveness#heardSince}: the last heartbeat this replica heard from it, or the moment it began to
   *     judge hosts, since heartbeats before it may have gone unheard)
   */
  public static Phase phase(EdgeHostStatus status, Instant now, Duration staleness, Instant heardSince) {
    Optional<Instant> deadline = unreachableAt(status, staleness, heardSince);
    if (deadline.isEmpty()) {
      return Phase.Pending;
    }
    if (deadline.get().isBefore(now)) {
      return Phase.Unreachable;
    }
    HostPlan plan = status.getPlan();
    AgentReport report = status.getReport();
    boolean reportIsOnPlan = plan != null && report != null
        && Objects.equals(report.getPlanGeneration(), plan.getGeneration());
    if (status.getCluster() == null && !isReleased(status)) {
      return Phase.Available;
    }
    if (plan == null) {
      return Phase.Provisioning;
    }
    if (reportIsOnPlan && report.getState() == AgentReport.State.Failed) {
      return Phase.Failed;
    }
    if (reportIsOnPlan && report.getState() == AgentReport.State.Applied) {
      return status.getCluster() == null ? Phase.Available : Phase.Running;
    }
    if (SiteConfigure.configuresIn(plan, HostRules.clusterOf(status))) {
      // Only a host that applied its cluster's plan gets a Configure: it keeps serving while the agent
      // applies its site settings, so it stays Running (and no rollout counts it out of service).
      return Phase.Running;
    }
    return plan.getAction() == HostPlan.Action.Upgrade ? Phase.Upgrading : Phase.Provisioning;
  }

  /**
   * Whether the host left its cluster with a Reset plan: it is claimable (Available) only once its agent
   * reports that reset applied, and Failed if the agent reports it failed.
   */
  public static boolean isReleased(EdgeHostStatus status) {
    return status != null && status.getCluster() == null && status.getPlan() != null
        && status.getPlan().getAction() == HostPlan.Action.Reset;
  }

  /**
   * When a reachable host becomes Unreachable if it stays silent: {@code staleness} after the last
   * heartbeat a gateway may have received without writing it ({@link HostRules#lastHeard}) or {@code heardSince}
   * (see {@link #phase}), whichever is later. The instant to re-judge it.
   */
  public static Optional<Instant> unreachableAt(EdgeHostStatus status, Duration staleness, Instant heardSince) {
    return HostRules.lastSeen(status).map(seen -> {
      Instant heard = HostRules.lastHeard(seen, staleness);
      return (heard.isAfter(heardSince) ? heard : heardSince).plus(staleness);
    });
  }
}
