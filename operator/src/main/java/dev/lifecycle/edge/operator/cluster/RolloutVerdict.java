package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.upgrade.RolloutRound;
import java.util.Optional;

/**
 * How a rollout shows in the cluster's conditions: {@code Reconciling} while hosts move,
 * {@code Ready=False} with a message such as "upgrading 3/8", {@code Stalled} when a human must act.
 * A null phase keeps the phase the cluster's hosts give it (after a rollback, Running or Degraded).
 */
final class RolloutVerdict {

  static final String UPGRADING = "Upgrading";
  static final String UPGRADE_PAUSED = "UpgradePaused";
  static final String ROLLING_BACK = "RollingBack";
  static final String ROLLED_BACK = "RolledBack";
  static final String WAITING_FOR_WINDOW = "WaitingForMaintenanceWindow";

  private RolloutVerdict() {
  }

  /** The conditions a round's rollout asks for, if it decides them. */
  static Optional<ClusterVerdict> of(RolloutRound round) {
    RolloutRound.Standing standing = round.standing();
    if (standing instanceof RolloutRound.Settled) {
      return Optional.empty();
    } else if (standing instanceof RolloutRound.Rolling rolling) {
      return of(round.upgrade(), rolling.stallReason(), rolling.detail());
    } else {
      RolloutRound.Blocked blocked = (RolloutRound.Blocked) standing;
      return Optional.of(ClusterVerdict.stalled(Phase.Degraded, blocked.reason(), blocked.message()));
    }
  }

  /**
   * @param upgrade the rollout as it stands after this round
   * @param reason the planner's reason for a stall (HostFailed, HostTimedOut, RollbackFailed), else null
   * @param detail what the rollout waits for or did, for the message
   */
  static Optional<ClusterVerdict> of(UpgradeStatus upgrade, String reason, String detail) {
    if (upgrade == null || upgrade.getPhase() == null) {
      return Optional.empty();
    }
    String progress = upgrade.getUpdated() + "/" + upgrade.getTotal();
    String suffix = detail == null || detail.isBlank() ? "" : ": " + detail;
    return switch (upgrade.getPhase()) {
      case Progressing -> Optional.of(upgrade.getNextWindow() != null
          ? new ClusterVerdict(Phase.Upgrading, false, false, false, WAITING_FOR_WINDOW, "upgrade to "
              + upgrade.getTo() + " at " + progress + " waits for the next maintenance window, which opens at "
              + upgrade.getNextWindow() + "; annotate the cluster with " + UpgradeNowRecord.ANNOTATION
              + "=<a new value> to run it now")
          : ClusterVerdict.waiting(Phase.Upgrading, UPGRADING,
              "upgrading " + progress + " to " + upgrade.getTo() + suffix));
      case Paused -> Optional.of(new ClusterVerdict(Phase.Upgrading, false, false, false, UPGRADE_PAUSED,
          "upgrade to " + upgrade.getTo() + " paused at " + progress + " (spec.paused is true); the next batch "
              + "starts when it is set back to false"));
      case RollingBack -> Optional.of(ClusterVerdict.waiting(Phase.Upgrading, ROLLING_BACK,
          "rolling back to " + upgrade.getFrom() + " after " + upgrade.getFailure() + suffix));
      case Stalled -> Optional.of(ClusterVerdict.stalled(Phase.Degraded, reason == null ? "HostFailed" : reason,
          "upgrade to " + upgrade.getTo() + " stopped at " + progress + ": " + upgrade.getFailure()
              + "; fix the host (it resumes once the host reports healthy) or point spec.profileRef at another "
              + "version"));
      case RolledBack -> Optional.of(ClusterVerdict.stalled(null, ROLLED_BACK,
          "upgrade to " + upgrade.getTo() + " rolled back: every host runs " + upgrade.getFrom() + " again after "
              + upgrade.getFailure() + "; point spec.profileRef at a fixed version to try again"));
      case Complete -> Optional.empty();
    };
  }
}
