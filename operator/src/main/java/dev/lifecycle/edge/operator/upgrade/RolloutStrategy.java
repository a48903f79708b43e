package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.MaintenanceWindow;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import java.util.List;

/**
 * A cluster's upgrade strategy as written in its spec, in plain values; unreadable values are judged
 * by the rollout step, which stops on them.
 *
 * @param maxUnavailable a count or a percentage, or null for 1
 * @param hostTimeout a Kubernetes duration, or null for 30 minutes
 * @param onFailure what a failed or timed-out host leads to, or null for Pause
 * @param paused spec.paused: no new batch starts
 * @param maintenanceWindows when batches may start, as written (empty: always)
 */
public record RolloutStrategy(String maxUnavailable, String hostTimeout, FailurePolicy onFailure, boolean paused,
    List<MaintenanceWindow> maintenanceWindows) {

  /** A strategy without maintenance windows. */
  public RolloutStrategy(String maxUnavailable, String hostTimeout, FailurePolicy onFailure, boolean paused) {
    this(maxUnavailable, hostTimeout, onFailure, paused, List.of());
  }
}
