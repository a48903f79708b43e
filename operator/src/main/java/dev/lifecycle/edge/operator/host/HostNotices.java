package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import java.util.Optional;

/**
 * The Event a change of a host's phase deserves, once per transition: registered, claimed
 * (Provisioning), Running, Upgrading, Failed and Unreachable (Warnings), and reachable again.
 * Nothing for a host that stays in its phase or is still waiting to register, nor for a host back to
 * Running after an upgrade: only a rollout writes Upgrade plans, and its cluster's {@code BatchUpgraded}
 * names every host of the batch healthy on its new version (one Event per change, not one per host
 * besides; a fleet's rollout wrote one such Event per host).
 */
public final class HostNotices {

  private HostNotices() {
  }

  /** One Event to record. */
  public record Notice(boolean warning, String reason, String message) {
  }

  /** The Event for going from {@code before} (null when no phase was written yet) to {@code after}. */
  public static Optional<Notice> between(Phase before, HostVerdict after) {
    Phase phase = after.phase();
    if (phase == before || phase == Phase.Pending || (before == Phase.Upgrading && phase == Phase.Running)) {
      return Optional.empty();
    }
    if (before == Phase.Unreachable) {
      return Optional.of(new Notice(false, HostReasons.REACHABLE,
          "the host reports again and is " + phase + ": " + after.message()));
    }
    return Optional.of(switch (phase) {
      case Available -> before == null || before == Phase.Pending
          ? new Notice(false, HostReasons.REGISTERED, "the host registered and is available: " + after.message())
          : new Notice(false, HostReasons.AVAILABLE, "the host left its cluster and is available: "
              + after.message());
      case Failed, Unreachable -> new Notice(true, after.reason(), after.message());
      default -> new Notice(false, after.reason(), after.message());
    });
  }
}
