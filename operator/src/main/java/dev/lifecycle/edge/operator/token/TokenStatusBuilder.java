package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.status.StatusContract;
import dev.lifecycle.edge.operator.status.StatusVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.lifecycle.edge.operator.registry.RegistryResolver;

/**
 * Computes a token's status from what the reconciler saw. Pure. Ready is True only for an Active
 * token whose Secret is in place; a token that is Expired, Revoked or Exhausted is settled (not
 * Stalled: nothing is stuck, the token just does not register hosts). A spec the operator cannot
 * judge, or a Secret name taken by another object, needs a human: Stalled=True.
 */
public final class TokenStatusBuilder {

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SECRET_CONFLICT = "SecretConflict";

  private TokenStatusBuilder() {
  }

  /**
   * What the reconciler saw.
   *
   * @param generation the token's metadata.generation
   * @param secret what ensuring the Secret did
   * @param judgement the verdict on the token, or why its spec cannot be judged
   * @param registrations hosts registered with the token
   */
  public record Observation(Long generation, SecretOutcome secret, Judgement judgement, int registrations,
      Optional<RegistryResolver.Refused> registry) {

    public Observation(Long generation, SecretOutcome secret, Judgement judgement, int registrations) {
      this(generation, secret, judgement, registrations, Optional.empty());
    }
  }

  public static RegistrationTokenStatus build(Observation seen, RegistrationTokenStatus previous, Instant now) {
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    if (previous != null) {
      status.setConditions(previous.getConditions());
    }
    status.setRegistrations(seen.registrations());
    status.setSecretName(seen.secret().available() ? seen.secret().secretName() : null);
    status.setTokenHash(seen.secret().tokenHash());
    seen.judgement().verdict().ifPresent(verdict -> {
      status.setPhase(verdict.phase());
      status.setExpiresAt(verdict.expiresAt().toString());
    });

    List<String> reasons = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    seen.judgement().invalidSpec().ifPresent(message -> {
      reasons.add(INVALID_SPEC);
      messages.add("invalid spec: " + message);
    });
    seen.registry().ifPresent(refused -> {
      reasons.add(refused.reason());
      messages.add(refused.message() + "; the user-data (spec.userData.registryRef) is left as it was until it is "
          + "fixed");
    });
    if (seen.secret().kind() == SecretOutcome.Kind.CONFLICT) {
      reasons.add(SECRET_CONFLICT);
      messages.add(seen.secret().detail());
    }

    boolean stalled = !reasons.isEmpty();
    String reason;
    String message;
    boolean ready;
    if (stalled) {
      reason = reasons.get(0);
      message = String.join("; ", messages);
      ready = false;
    } else {
      TokenVerdict verdict = seen.judgement().verdict().orElseThrow();
      reason = verdict.reason();
      message = verdict.message();
      ready = verdict.phase() == Phase.Active;
    }
    StatusContract.apply(status, StatusVerdict.of(ready, false, stalled, reason, message), seen.generation(), now);
    return status;
  }
}
