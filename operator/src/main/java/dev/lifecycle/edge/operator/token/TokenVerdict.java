package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import java.time.Instant;
import java.util.Optional;

/**
 * What a token is worth right now: its phase, why, and when the verdict changes by itself (the expiry
 * instant of an Active token), so the reconciler schedules exactly one wake-up instead of polling.
 *
 * @param phase Active, Expired, Revoked or Exhausted
 * @param reason CamelCase reason for the Ready condition
 * @param message for a person
 * @param expiresAt when the token expires
 * @param recheckAt when the verdict changes with no event (empty when only an event can change it)
 */
public record TokenVerdict(Phase phase, String reason, String message, Instant expiresAt,
    Optional<Instant> recheckAt) {

  public boolean registers() {
    return phase == Phase.Active;
  }
}
