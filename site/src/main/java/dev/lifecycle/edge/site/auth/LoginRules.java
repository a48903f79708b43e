package dev.lifecycle.edge.site.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether a login goes through, from the failed attempts of the user and of the address it comes from. Pure: the
 * caller reads the attempts, calls {@link #decide}, and stores what the decision says.
 *
 * <ul>
 *   <li>While the user or the address is locked, the password is not even checked: {@link Locked}.</li>
 *   <li>A wrong password (or an unknown user) counts one failure against the user (when known) and the address;
 *       the {@value #MAX_FAILURES}th in a row locks it for {@link #FIRST_LOCKOUT}, each later lockout twice as long
 *       as the one before, at most {@link #MAX_LOCKOUT}.</li>
 *   <li>A success clears the user's failures; the address keeps its own, so that a right password for one account
 *       does not reset the count of guesses at another from the same address.</li>
 *   <li>Failures {@link #FORGET_AFTER} old, outside a lockout, are forgotten, lockouts included.</li>
 * </ul>
 */
public final class LoginRules {

  public static final int MAX_FAILURES = 5;
  public static final Duration FIRST_LOCKOUT = Duration.ofMinutes(1);
  public static final Duration MAX_LOCKOUT = Duration.ofHours(24);
  public static final Duration FORGET_AFTER = Duration.ofHours(24);

  private LoginRules() {
  }

  /** The outcome of a login attempt, and the attempts to store after it. */
  public sealed interface Decision permits Granted, Refused, Locked {
  }

  /** The password is right: the user's failures are cleared ({@code user} is {@link Attempts#NONE}). */
  public record Granted(Attempts user, Attempts address) implements Decision {
  }

  /**
   * The user is unknown or the password wrong; {@code lockedUntil} is set when this failure began a lockout.
   * {@code user} is empty when the user is unknown (nothing is kept for names that are no user).
   */
  public record Refused(Optional<Attempts> user, Attempts address, Optional<Instant> lockedUntil)
      implements Decision {
  }

  /** Locked until {@code until}; nothing was checked, nothing changes. */
  public record Locked(Instant until) implements Decision {
  }

  /**
   * @param user the user's attempts, empty when no such user exists
   * @param passwordMatches asked only when neither the user nor the address is locked
   */
  public static Decision decide(Instant now, Optional<Attempts> user, Attempts address,
      BooleanSupplier passwordMatches) {
    Optional<Attempts> userNow = user.map(a -> current(a, now));
    Attempts addressNow = current(address, now);
    Instant until = null;
    if (userNow.isPresent() && userNow.get().lockedAt(now)) {
      until = userNow.get().lockedUntil();
    }
    if (addressNow.lockedAt(now) && (until == null || addressNow.lockedUntil().isAfter(until))) {
      until = addressNow.lockedUntil();
    }
    if (until != null) {
      return new Locked(until);
    }
    if (userNow.isPresent() && passwordMatches.getAsBoolean()) {
      return new Granted(Attempts.NONE, addressNow);
    }
    Optional<Attempts> userAfter = userNow.map(a -> failed(a, now));
    Attempts addressAfter = failed(addressNow, now);
    Optional<Instant> lockedUntil = userAfter.map(Attempts::lockedUntil).filter(t -> t != null);
    if (addressAfter.lockedUntil() != null
        && (lockedUntil.isEmpty() || addressAfter.lockedUntil().isAfter(lockedUntil.get()))) {
      lockedUntil = Optional.of(addressAfter.lockedUntil());
    }
    return new Refused(userAfter, addressAfter, lockedUntil);
  }

  /** The attempts as they stand at {@code now}: an ended lockout starts a fresh count, old failures are forgotten. */
  static Attempts current(Attempts attempts, Instant now) {
    if (attempts.lockedAt(now)) {
      return attempts;
    }
    Instant last = attempts.lockedUntil() != null ? attempts.lockedUntil() : attempts.lastFailure();
    if (last != null && !now.isBefore(last.plus(FORGET_AFTER))) {
      return Attempts.NONE;
    }
    if (attempts.lockedUntil() != null) {
      return new Attempts(0, attempts.lockouts(), null, attempts.lastFailure());
    }
    return attempts;
  }

  private static Attempts failed(Attempts attempts, Instant now) {
    int failures = attempts.failures() + 1;
    if (failures < MAX_FAILURES) {
      return new Attempts(failures, attempts.lockouts(), null, now);
    }
    return new Attempts(0, attempts.lockouts() + 1, now.plus(lockout(attempts.lockouts())), now);
  }

  /** The length of a lockout after {@code previous} earlier ones: 1 min, 2 min, 4 min, ... at most 24 h. */
  static Duration lockout(int previous) {
    if (previous >= 20) {
      return MAX_LOCKOUT;
    }
    Duration length = FIRST_LOCKOUT.multipliedBy(1L << previous);
    return length.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : length;
  }
}
