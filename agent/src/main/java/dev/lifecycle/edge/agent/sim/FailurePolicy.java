package dev.lifecycle.edge.agent.sim;

import dev.lifecycle.edge.wire.Plan;
import java.util.Optional;
import java.util.Set;

/**
 * Which simulated hosts fail which plans: every plan of one profile version, every plan but a Reset
 * on chosen host indexes, or, with both, only the chosen hosts and only on that version (a failure
 * injected into one host of a rollout).
 *
 * @param failVersion the profile version whose plans fail (on every host, or on {@code failHosts}), or null
 * @param failHosts the indexes of hosts that fail every plan but a Reset (or only plans of {@code failVersion})
 */
public record FailurePolicy(String failVersion, Set<Integer> failHosts) {

  /** Nothing fails. */
  public static final FailurePolicy NONE = new FailurePolicy(null, Set.of());

  public FailurePolicy {
    failHosts = failHosts == null ? Set.of() : Set.copyOf(failHosts);
  }

  /** Why host {@code index} fails {@code plan}, or empty when it applies it. */
  public Optional<String> failure(int index, Plan plan) {
    if (failVersion != null && !failHosts.isEmpty()) {
      return failHosts.contains(index) && failVersion.equals(plan.profileVersion()) && !plan.isReset()
          ? Optional.of("simulated failure: host " + index + " is set to fail on profile version " + failVersion)
          : Optional.empty();
    }
    if (failVersion != null && failVersion.equals(plan.profileVersion())) {
      return Optional.of("simulated failure: profile version " + failVersion + " is set to fail");
    }
    if (failHosts.contains(index) && !plan.isReset()) {
      return Optional.of("simulated failure: host " + index + " is set to fail every plan but a Reset");
    }
    return Optional.empty();
  }
}
