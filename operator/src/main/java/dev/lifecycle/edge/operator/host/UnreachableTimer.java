package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to look at a host again if nothing else happens: just after the instant it turns
 * Unreachable should it stay silent. A host that is Pending or already Unreachable changes only
 * when its agent writes, which wakes the reconciler anyway, so it needs no timer.
 */
public final class UnreachableTimer {

  /** Past the deadline by this much, so that the host is judged after it, never on it. */
  static final Duration MARGIN = Duration.ofMillis(250);

  private UnreachableTimer() {
  }

  /** The delay until the host should be judged again, or empty when only its agent can change its phase. */
  public static Optional<Duration> delay(EdgeHostStatus status, Instant now, Duration staleness,
      Instant heardSince) {
    Phase phase = HostPhaseJudge.phase(status, now, staleness, heardSince);
    if (phase == Phase.Pending || phase == Phase.Unreachable) {
      return Optional.empty();
    }
    return HostPhaseJudge.unreachableAt(status, staleness, heardSince).map(deadline -> {
      Duration left = Duration.between(now, deadline);
      return (left.isNegative() ? Duration.ZERO : left).plus(MARGIN);
    });
  }
}
