package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import java.time.Instant;

/**
 * The judgement of a host that its phase and conditions are written from: the phase (from
 * {@link HostPhaseJudge}) and a message for a person. Pure.
 *
 * @param phase the host's phase
 * @param message what the phase means for this host, for Ready and the Events
 * @param resetFailed whether the failure is of the reset of a host released by its cluster
 */
public record HostVerdict(Phase phase, String message, boolean resetFailed) {

  /** A verdict on anything but a failed reset. */
  public HostVerdict(Phase phase, String message) {
    this(phase, message, false);
  }

  /**
   * Judges a host from its spec and status at {@code now}.
   *
   * @param heardSince see {@link HostPhaseJudge#phase}
   */
  public static HostVerdict of(EdgeHost host, Instant now, Duration staleness, Instant heardSince) {
    Phase phase = HostPhaseJudge.phase(host.getStatus(), now, staleness, heardSince);
    return new HostVerdict(phase, message(phase, host, staleness),
        phase == Phase.Failed && HostPhaseJudge.isReleased(host.getStatus()));
  }

  /** Ready is True for a host that does what is wanted of it: Running, or Available to be claimed. */
  public boolean ready() {
    return phase == Phase.Running || phase == Phase.Available;
  }

  /** Reconciling is True while the host works toward its plan. */
  public boolean reconciling() {
    return phase == Phase.Provisioning || phase == Phase.Upgrading;
  }

  /** Stalled is True when the agent reported failure: someone has to look at the host. */
  public boolean stalled() {
    return phase == Phase.Failed;
  }

  /** The reason of Ready and Reconciling: the phase. */
  public String reason() {
    return phase.name();
  }

  /** The reason of Stalled. */
  public String stalledReason() {
    if (!stalled()) {
      return reason();
    }
    return resetFailed ? HostReasons.RESET_FAILED : HostReasons.AGENT_REPORTED_FAILURE;
  }

  private static String message(Phase phase, EdgeHost host, Duration staleness) {
    EdgeHostStatus status = host.getStatus();
    return switch (phase) {
      case Pending -> pending(host);
      case Available -> "registered and in no cluster: ready to be claimed";
      case Provisioning -> HostPhaseJudge.isReleased(status) ? "left cluster " + status.getPlan().getCluster()
          + "; resetting with " + describe(status.getPlan()) + ", claimable once the agent reports it applied"
          : claimedBy(status.getCluster()) + (status.getPlan() == null
          ? "; waiting for its first plan" : "; applying " + describe(status.getPlan()));
      case Running -> claimedBy(status.getCluster()) + "; healthy on " + describe(status.getPlan())
          + (configuring(status) ? ", applying its changed site settings" : "");
      case Upgrading -> claimedBy(status.getCluster()) + "; upgrading to " + describe(status.getPlan());
      case Failed -> failure(status);
      // Not "since lastSeen": the replica that judges hears heartbeats it writes only every few minutes.
      case Unreachable -> "nothing heard from the agent for more than " + Durations.format(staleness)
          + " (lastSeen last written " + status.getLastSeen() + ")";
    };
  }

  private static boolean configuring(EdgeHostStatus status) {
    AgentReport report = status.getReport();
    return status.getPlan().getAction() == HostPlan.Action.Configure && (report == null
        || !status.getPlan().getGeneration().equals(report.getPlanGeneration())
        || report.getState() != AgentReport.State.Applied);
  }

  private static String pending(EdgeHost host) {
    String machineId = host.getSpec() == null ? null : host.getSpec().getMachineId();
    return machineId == null ? "waiting for the host to register"
        : "waiting for machine " + machineId + " to register";
  }

  private static String claimedBy(ClusterAssignment cluster) {
    return "claimed by cluster " + cluster.getName() + (cluster.getRole() == null ? "" : " as " + cluster.getRole());
  }

  private static String describe(HostPlan plan) {
    return "plan generation " + plan.getGeneration()
        + (plan.getProfileVersion() == null ? "" : " (profile version " + plan.getProfileVersion() + ")");
  }

  private static String failure(EdgeHostStatus status) {
    AgentReport report = status.getReport();
    String failure = report.getMessage() != null && !report.getMessage().isBlank() ? report.getMessage()
        : "the agent reported failure on plan generation " + report.getPlanGeneration();
    if (!HostPhaseJudge.isReleased(status)) {
      return failure;
    }
    return "the reset after leaving cluster " + status.getPlan().getCluster() + " failed, so no cluster claims the "
        + "host: fix the machine and have its agent run the reset again (troubleshooting: ResetFailed): " + failure;
  }
}
