package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.wire.Durations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Judges whether a token registers hosts. Pure: the same inputs give the same verdict, so the
 * reconciler and the gateway agree, and tests need no clock or API server.
 *
 * <p>Precedence when several hold: Revoked, then Expired, then Exhausted. A revoked token stays
 * revoked whatever else happens; an expired one cannot be revived by deleting hosts.
 */
public final class TokenJudge {

  private TokenJudge() {
  }

  /**
   * @param spec the token's spec (validated by the CRD; re-checked here for an API without validation)
   * @param createdAt the token's creationTimestamp, the origin of {@code ttl}
   * @param registrations distinct hosts the token has registered
   * @param now the instant to judge at
   * @throws IllegalArgumentException when the spec sets neither or both of expiresAt and ttl, or a bad value
   */
  public static TokenVerdict judge(RegistrationTokenSpec spec, Instant createdAt, int registrations, Instant now) {
    Instant expiresAt = expiry(spec, createdAt);
    if (spec.isRevoked()) {
      return new TokenVerdict(Phase.Revoked, "Revoked", "the token was revoked (spec.revoked is true)", expiresAt,
          Optional.empty());
    }
    if (!now.isBefore(expiresAt)) {
      return new TokenVerdict(Phase.Expired, "Expired", "the token expired at " + expiresAt, expiresAt,
          Optional.empty());
    }
    Integer max = spec.getMaxRegistrations();
    if (max != null && registrations >= max) {
      return new TokenVerdict(Phase.Exhausted, "Exhausted",
          "the token registered " + registrations + " of at most " + max + " hosts", expiresAt, Optional.of(expiresAt));
    }
    String limit = max == null ? "no limit" : "at most " + max;
    return new TokenVerdict(Phase.Active, "Active",
        "the token registers hosts until " + expiresAt + " (" + registrations + " registered, " + limit + ")",
        expiresAt, Optional.of(expiresAt));
  }

  /** The instant the token expires: spec.expiresAt, or creation plus spec.ttl. */
  public static Instant expiry(RegistrationTokenSpec spec, Instant createdAt) {
    boolean hasInstant = spec.getExpiresAt() != null;
    boolean hasTtl = spec.getTtl() != null;
    if (hasInstant == hasTtl) {
      throw new IllegalArgumentException("set exactly one of spec.expiresAt or spec.ttl");
    }
    if (hasTtl) {
      return createdAt.plus(Durations.parse(spec.getTtl()));
    }
    try {
      return OffsetDateTime.parse(spec.getExpiresAt()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("spec.expiresAt '" + spec.getExpiresAt()
          + "' is not an RFC 3339 timestamp such as 2026-12-31T23:59:59Z", e);
    }
  }
}
