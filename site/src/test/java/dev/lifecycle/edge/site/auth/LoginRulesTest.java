package dev.lifecycle.edge.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginRulesTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** Replays {@code n} wrong passwords from one address, storing what each decision says. */
  private static final class Replay {
    Attempts user = Attempts.NONE;
    Attempts address = Attempts.NONE;
    Instant now = T0;

    LoginRules.Decision attempt(boolean right) {
      LoginRules.Decision decision = LoginRules.decide(now, Optional.of(user), address, () -> right);
      if (decision instanceof LoginRules.Refused refused) {
        user = refused.user().orElseThrow();
        address = refused.address();
      } else if (decision instanceof LoginRules.Granted granted) {
        user = granted.user();
        address = granted.address();
      }
      return decision;
    }
  }

  @Test
  @DisplayName("When the fifth wrong password in a row arrives, then the user is locked for a minute, and not before")
  void fifthFailureLocks() {
    Replay replay = new Replay();
    for (int i = 1; i <= 4; i++) {
      assertThat(replay.attempt(false)).isInstanceOfSatisfying(LoginRules.Refused.class,
          refused -> assertThat(refused.lockedUntil()).isEmpty());
    }
    assertThat(replay.attempt(false)).isInstanceOfSatisfying(LoginRules.Refused.class,
        refused -> assertThat(refused.lockedUntil()).contains(T0.plus(Duration.ofMinutes(1))));
  }

  @Test
  @DisplayName("When a user is locked, then even the right password is not checked, until the lockout ends")
  void lockedChecksNothing() {
    Replay replay = new Replay();
    for (int i = 0; i < 5; i++) {
      replay.attempt(false);
    }
    boolean[] asked = {false};
    replay.now = T0.plusSeconds(59);
    LoginRules.Decision decision = LoginRules.decide(replay.now, Optional.of(replay.user), replay.address, () -> {
      asked[0] = true;
      return true;
    });
    assertThat(decision).isEqualTo(new LoginRules.Locked(T0.plusSeconds(60)));
    assertThat(asked[0]).isFalse();
    replay.now = T0.plusSeconds(60);
    assertThat(replay.attempt(true)).isInstanceOf(LoginRules.Granted.class);
  }

  @Test
  @DisplayName("When lockouts repeat, then each lasts twice as long as the one before, at most 24 hours")
  void lockoutsDouble() {
    Replay replay = new Replay();
    Duration expected = Duration.ofMinutes(1);
    for (int lockout = 0; lockout < 4; lockout++) {
      LoginRules.Decision last = null;
      for (int i = 0; i < 5; i++) {
        last = replay.attempt(false);
      }
      Instant start = replay.now;
      Duration length = expected;
      assertThat(last).isInstanceOfSatisfying(LoginRules.Refused.class,
          refused -> assertThat(refused.lockedUntil()).contains(start.plus(length)));
      replay.now = replay.now.plus(expected);
      expected = expected.multipliedBy(2);
    }
    assertThat(LoginRules.lockout(30)).isEqualTo(Duration.ofHours(24));
    assertThat(LoginRules.lockout(11)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  @DisplayName("When guesses at unknown users come from one address, then the address is locked, for every user")
  void addressLockout() {
    Attempts address = Attempts.NONE;
    for (int i = 0; i < 5; i++) {
      LoginRules.Refused refused = (LoginRules.Refused) LoginRules.decide(T0, Optional.empty(), address, () -> true);
      assertThat(refused.user()).isEmpty();
      address = refused.address();
    }
    assertThat(LoginRules.decide(T0, Optional.of(Attempts.NONE), address, () -> true))
        .isEqualTo(new LoginRules.Locked(T0.plusSeconds(60)));
  }

  @Test
  @DisplayName("When the right password comes, then the user's failures are cleared but the address keeps its count")
  void successClearsUserOnly() {
    Replay replay = new Replay();
    replay.attempt(false);
    replay.attempt(false);
    assertThat(replay.attempt(true)).isInstanceOf(LoginRules.Granted.class);
    assertThat(replay.user).isEqualTo(Attempts.NONE);
    assertThat(replay.address.failures()).isEqualTo(2);
  }

  @Test
  @DisplayName("When failures are a day old, then they are forgotten, lockouts included")
  void oldFailuresForgotten() {
    Replay replay = new Replay();
    for (int i = 0; i < 5; i++) {
      replay.attempt(false);
    }
    replay.now = T0.plus(Duration.ofMinutes(1)).plus(LoginRules.FORGET_AFTER);
    replay.attempt(false);
    assertThat(replay.user.lockouts()).isZero();
    assertThat(replay.user.failures()).isEqualTo(1);
  }
}
