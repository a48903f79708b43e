package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.operator.upgrade.MaintenanceWindows;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import java.time.Instant;
import java.util.Optional;

/**
 * Maintenance windows the operator cannot read (a time zone the API server's form check let through but no
 * time-zone database knows) stall the cluster at once, also while no rollout is under way: the user learns of
 * the mistake when making it, not at the next upgrade. Pure.
 */
final class WindowCheck {

  private WindowCheck() {
  }

  static Optional<ClusterVerdict> problem(EdgeClusterSpec spec) {
    if (spec == null || spec.getUpgradeStrategy() == null) {
      return Optional.empty();
    }
    try {
      MaintenanceWindows.parse(spec.getUpgradeStrategy().getMaintenanceWindows());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(ClusterVerdict.stalled(null, RolloutStep.INVALID_MAINTENANCE_WINDOW,
          "spec.upgradeStrategy." + e.getMessage() + "; no rollout batch starts until it is corrected"));
    }
  }

  /** Whether a scale-down batch may start at {@code now}; windows that cannot be read let none start. */
  static ScalePlanner.Window forScaling(EdgeClusterSpec spec, Instant now) {
    if (spec == null || spec.getUpgradeStrategy() == null) {
      return ScalePlanner.Window.OPEN;
    }
    try {
      MaintenanceWindows windows = MaintenanceWindows.parse(spec.getUpgradeStrategy().getMaintenanceWindows());
      return windows.openAt(now) ? ScalePlanner.Window.OPEN : new ScalePlanner.Window(false, windows.nextOpening(now));
    } catch (IllegalArgumentException e) {
      return new ScalePlanner.Window(false, Optional.empty());
    }
  }
}
