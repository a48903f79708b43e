package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one round of a rollout decided: the status to record, the hosts to move, when to look again.
 *
 * @param upgrade status.upgrade after the round (the batch in flight included), or null when no rollout ever ran
 * @param profileVersion the version the cluster runs after the round
 * @param standing how the rollout shows in the cluster's conditions
 * @param batch the hosts whose plans move this round, if any: recorded in flight before their plans are written
 * @param wakeAfter when to look again although nothing changes (a host's timeout)
 */
public record RolloutRound(UpgradeStatus upgrade, String profileVersion, Standing standing, Optional<Batch> batch,
    Optional<Duration> wakeAfter) {

  /** How the rollout shows in the cluster's conditions. */
  public sealed interface Standing {
  }

  /** No rollout under way, or one finished: the cluster's hosts decide its conditions. */
  public record Settled() implements Standing {
  }

  /**
   * A rollout under way, stalled or rolled back (and still wanted): its phase decides the conditions.
   *
   * @param stallReason HostFailed, HostTimedOut or RollbackFailed when stalled, else null
   * @param detail what the rollout waits for or did, or null
   */
  public record Rolling(String stallReason, String detail) implements Standing {
  }

  /** The rollout cannot go on until a human fixes its spec or restores a profile. */
  public record Blocked(String reason, String message) implements Standing {
  }

  /**
   * Hosts whose plans move to {@code version}.
   *
   * @param hosts the hosts as they stood before the move, in the planner's order
   */
  public record Batch(List<RolloutHost> hosts, String version) {
  }
}
