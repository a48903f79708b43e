package dev.lifecycle.edge.operator.upgrade;

import java.time.Instant;
import java.util.List;

/** What the rollout does next. */
public sealed interface RolloutDecision {

  /** Change these hosts' plans to {@code version}, in this order. */
  record Move(List<String> hosts, String version) implements RolloutDecision {
  }

  /**
   * No batch starts before a maintenance window opens at {@code opensAt} (hosts in flight have finished).
   */
  record WaitForWindow(Instant opensAt) implements RolloutDecision {
  }

  /** Nothing to do until something changes; the reason is for the status message. */
  record Wait(String reason) implements RolloutDecision {
  }

  /**
   * Stop and wait for a human (onFailure: Pause, or a failure during a rollback).
   *
   * @param reason HostFailed, HostTimedOut or RollbackFailed
   * @param message what went wrong, as status.upgrade.failure records it
   */
  record Stall(String host, String reason, String message) implements RolloutDecision {
  }

  /**
   * Turn around: from now on, move the moved hosts back to the old version, newest first.
   *
   * @param message what went wrong, as status.upgrade.failure records it
   * @param then what the rollback does first (a move back, or a wait)
   */
  record StartRollback(String host, String message, RolloutDecision then) implements RolloutDecision {
  }

  /** Every host runs healthy on the target version. */
  record Complete() implements RolloutDecision {
  }

  /** Every moved host is back, healthy, on the old version. */
  record RolledBack() implements RolloutDecision {
  }
}
