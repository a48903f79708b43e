package dev.lifecycle.edge.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionJudgeTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final SessionClaims CLAIMS = new SessionClaims("admin", "sid-1", 3, T0, T0.plus(SessionJudge.LIFETIME),
      T0);

  private static SessionJudge.Verdict at(Instant now) {
    return SessionJudge.judge(CLAIMS, now, Optional.of(3L), Set.<String>of()::contains);
  }

  @Test
  @DisplayName("When a session is young, then it is valid and not renewed; past half its life, it is renewed for 15 minutes")
  void slides() {
    assertThat(at(T0.plus(Duration.ofMinutes(7)))).isEqualTo(new SessionJudge.Valid(CLAIMS, Optional.empty()));
    Instant later = T0.plus(Duration.ofMinutes(8));
    assertThat(at(later)).isEqualTo(new SessionJudge.Valid(CLAIMS, Optional.of(later.plus(SessionJudge.LIFETIME))));
  }

  @Test
  @DisplayName("When the expiry passes, then the session is rejected as expired")
  void expires() {
    MutableClock clock = new MutableClock(T0);
    clock.advance(SessionJudge.LIFETIME);
    assertThat(at(clock.instant())).isInstanceOfSatisfying(SessionJudge.Rejected.class,
        r -> assertThat(r.code()).isEqualTo("SessionExpired"));
  }

  @Test
  @DisplayName("When renewals near the 12-hour maximum, then the renewal is cut at it, and past it the session ends")
  void maxAge() {
    Instant now = T0.plus(SessionJudge.MAX_AGE).minus(Duration.ofMinutes(5));
    SessionClaims renewed = new SessionClaims("admin", "sid-1", 3, now.minus(Duration.ofMinutes(8)),
        now.plus(Duration.ofMinutes(7)), T0);
    assertThat(SessionJudge.judge(renewed, now, Optional.of(3L), s -> false)).isEqualTo(
        new SessionJudge.Valid(renewed, Optional.of(T0.plus(SessionJudge.MAX_AGE))));
    SessionClaims past = new SessionClaims("admin", "sid-1", 3, now, now.plus(Duration.ofMinutes(15)), T0);
    assertThat(SessionJudge.judge(past, T0.plus(SessionJudge.MAX_AGE), Optional.of(3L), s -> false))
        .isInstanceOf(SessionJudge.Rejected.class);
  }

  @Test
  @DisplayName("When the password changed, the session was logged out, or the user is gone, then it is rejected")
  void ended() {
    Instant now = T0.plusSeconds(10);
    assertThat(SessionJudge.judge(CLAIMS, now, Optional.of(4L), s -> false)).isEqualTo(
        new SessionJudge.Rejected("SessionEnded", "the session ended when the password was changed; log in again"));
    assertThat(SessionJudge.judge(CLAIMS, now, Optional.of(3L), "sid-1"::equals)).isEqualTo(
        new SessionJudge.Rejected("SessionEnded", "the session was logged out; log in again"));
    assertThat(SessionJudge.judge(CLAIMS, now, Optional.empty(), s -> false))
        .isInstanceOf(SessionJudge.Rejected.class);
  }

  @Test
  @DisplayName("When a token claims to be issued in the future, then it is rejected")
  void future() {
    assertThat(at(T0.minus(Duration.ofMinutes(5)))).isInstanceOfSatisfying(SessionJudge.Rejected.class,
        r -> assertThat(r.code()).isEqualTo("SessionInvalid"));
  }
}
