package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * @param windowClosedUntil when no maintenance window is open at {@code now} (and no upgrade-now annotation lets
 *     the rollout run): when the next one opens; empty while batches may start
 */
public record RolloutState(String from, String to, boolean rollingBack, List<RolloutHost> hosts, int maxUnavailable,
    boolean paused, FailurePolicy onFailure, Duration hostTimeout, Instant now, Optional<Instant> windowClosedUntil) {

  /** A state with no maintenance window in the way. */
  public RolloutState(String from, String to, boolean rollingBack, List<RolloutHost> hosts, int maxUnavailable,
      boolean paused, FailurePolicy onFailure, Duration hostTimeout, Instant now) {
    this(from, to, rollingBack, hosts, maxUnavailable, paused, onFailure, hostTimeout, now, Optional.empty());
  }

  /** The version hosts are being moved to right now. */
  public String destination() {
    return rollingBack ? from : to;
  }

  /** This state once the rollout turns around. */
  public RolloutState turned() {
    return new RolloutState(from, to, true, hosts, maxUnavailable, paused, onFailure, hostTimeout, now,
        windowClosedUntil);
  }

  /** The version hosts are being moved away from right now. */
  public String origin() {
    return rollingBack ? to : from;
  }
}
