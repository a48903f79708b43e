package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the planner decides from; all of it is recorded in the cluster's and hosts' status, so
 * an operator restarted at any moment rebuilds the same state and takes the same decision.
 *
 * @param from the version the rollout started from
 * @param to the version the rollout moves to
 * @param rollingBack whether the rollout is returning the moved hosts to {@code from}
 * @param hosts every host of the cluster
 * @param maxUnavailable most hosts out of service at once (already resolved from a count or percentage)
 * @param paused spec.paused: no new batch starts
 * @param onFailure what a failed or timed-out host leads to
 * @param hostTimeout how long a moved host may take to report healthy
 * @param now the instant of the decision
 */
public record RolloutState(String from, String to, boolean rollingBack, List<RolloutHost> hosts, int maxUnavailable,
    boolean paused, FailurePolicy onFailure, Duration hostTimeout, Instant now) {

  /** The version hosts are being moved to right now. */
  public String destination() {
    return rollingBack ? from : to;
  }

  /** This state once the rollout turns around. */
  public RolloutState turned() {
    return new RolloutState(from, to, true, hosts, maxUnavailable, paused, onFailure, hostTimeout, now);
  }

  /** The version hosts are being moved away from right now. */
  public String origin() {
    return rollingBack ? to : from;
  }
}
