package dev.lifecycle.edge.site.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a verified session token is still good, and whether to renew it (sliding sessions). Pure: the claims,
 * the user's current session generation (empty when the user is gone), the revoked session ids, the time.
 *
 * <p>A token lives {@link #LIFETIME}; once less than half of that is left, a request renews it (same {@code sid},
 * a new expiry); a session is never renewed past {@link #MAX_AGE} since its login, so a stolen cookie does not live
 * for ever even in constant use.
 */
public final class SessionJudge {

  public static final Duration LIFETIME = Duration.ofMinutes(15);
  public static final Duration MAX_AGE = Duration.ofHours(12);

  private SessionJudge() {
  }

  public sealed interface Verdict permits Valid, Rejected {
  }

  /** Good; {@code renewUntil} is the new expiry when it is time to renew. */
  public record Valid(SessionClaims claims, Optional<Instant> renewUntil) implements Verdict {
  }

  /** Not good: {@code code} and a sentence for the 401 answer. */
  public record Rejected(String code, String message) implements Verdict {
  }

  public static Verdict judge(SessionClaims claims, Instant now, Optional<Long> currentGeneration,
      Predicate<String> revoked) {
    if (!now.isBefore(claims.expiresAt())) {
      return new Rejected("SessionExpired", "the session expired at " + claims.expiresAt() + "; log in again");
    }
    if (claims.issuedAt().isAfter(now.plusSeconds(60)) || claims.authTime().isAfter(claims.issuedAt())) {
      return new Rejected("SessionInvalid", "the session is not valid; log in again");
    }
    if (!now.isBefore(claims.authTime().plus(MAX_AGE))) {
      return new Rejected("SessionExpired", "the session is older than " + MAX_AGE.toHours() + " h; log in again");
    }
    if (currentGeneration.isEmpty()) {
      return new Rejected("SessionInvalid", "the session's user no longer exists");
    }
    if (currentGeneration.get() != claims.generation()) {
      return new Rejected("SessionEnded", "the session ended when the password was changed; log in again");
    }
    if (revoked.test(claims.sid())) {
      return new Rejected("SessionEnded", "the session was logged out; log in again");
    }
    Duration left = Duration.between(now, claims.expiresAt());
    if (left.compareTo(LIFETIME.dividedBy(2)) < 0) {
      Instant until = now.plus(LIFETIME);
      Instant cap = claims.authTime().plus(MAX_AGE);
      return new Valid(claims, Optional.of(until.isAfter(cap) ? cap : until));
    }
    return new Valid(claims, Optional.empty());
  }
}
