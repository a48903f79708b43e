package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The verdict on a token, or why there is none: a spec that the API server should have refused
 * (the CRD validates it) but that an API without validation let through.
 *
 * @param verdict the verdict, when the spec can be judged
 * @param invalidSpec what is wrong with the spec, when it cannot
 */
public record Judgement(Optional<TokenVerdict> verdict, Optional<String> invalidSpec) {

  /** Judges the token with {@link TokenJudge}, turning a spec it refuses into an explanation. */
  public static Judgement of(RegistrationToken token, int registrations, Instant now) {
    if (token.getSpec() == null) {
      return new Judgement(Optional.empty(), Optional.of("spec is missing"));
    }
    try {
      Instant createdAt = OffsetDateTime.parse(token.getMetadata().getCreationTimestamp()).toInstant();
      return new Judgement(Optional.of(TokenJudge.judge(token.getSpec(), createdAt, registrations, now)),
          Optional.empty());
    } catch (IllegalArgumentException e) {
      return new Judgement(Optional.empty(), Optional.of(e.getMessage()));
    }
  }

  /** When the verdict changes by itself (the expiry instant), if it does. */
  public Optional<Instant> recheckAt() {
    return verdict.flatMap(TokenVerdict::recheckAt);
  }
}
