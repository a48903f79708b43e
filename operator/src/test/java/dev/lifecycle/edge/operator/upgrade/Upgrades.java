package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import java.time.Instant;

/** Hand-made rollouts for the tests of the rollout step and of the cluster's side of it. */
public final class Upgrades {

  private Upgrades() {
  }

  /** A rollout from one version and profile to another, identified as the operator identifies it. */
  public static UpgradeStatus upgrade(UpgradeStatus.Phase phase, String from, String to, String fromProfile,
      String toProfile, Instant startedAt) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setId(from + "-to-" + to + "@" + startedAt);
    upgrade.setPhase(phase);
    upgrade.setFrom(from);
    upgrade.setTo(to);
    upgrade.setFromProfile(fromProfile);
    upgrade.setToProfile(toProfile);
    return upgrade;
  }
}
