package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenJudgeTest {

  private static final Instant CREATED = Instant.parse("2026-11-24T08:00:00Z");

  private static RegistrationTokenSpec ttl(String ttl, Integer max) {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl(ttl);
    spec.setMaxRegistrations(max);
    return spec;
  }

  @Test
  @DisplayName("When a token is within its ttl and under its limit, then it is Active until creation plus ttl")
  void activeWithinTtl() {
    TokenVerdict verdict = TokenJudge.judge(ttl("24h", 10), CREATED, 3, CREATED.plusSeconds(3600));

    assertThat(verdict.phase()).isEqualTo(Phase.Active);
    assertThat(verdict.registers()).isTrue();
    assertThat(verdict.expiresAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(verdict.recheckAt()).contains(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(verdict.message()).contains("3 registered", "at most 10");
  }

  @Test
  @DisplayName("When the expiry instant is reached, then the token is Expired and needs no further wake-up")
  void expiredAtTheInstant() {
    TokenVerdict verdict = TokenJudge.judge(ttl("1h", null), CREATED, 0, CREATED.plusSeconds(3600));

    assertThat(verdict.phase()).isEqualTo(Phase.Expired);
    assertThat(verdict.registers()).isFalse();
    assertThat(verdict.recheckAt()).isEmpty();
  }

  @Test
  @DisplayName("When spec.expiresAt is set, then it is the expiry whatever the creation time")
  void absoluteExpiry() {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setExpiresAt("2026-12-31T23:59:59+01:00");

    assertThat(TokenJudge.expiry(spec, CREATED)).isEqualTo(Instant.parse("2026-12-31T22:59:59Z"));
  }

  @Test
  @DisplayName("When the limit is reached, then the token is Exhausted")
  void exhaustedAtTheLimit() {
    assertThat(TokenJudge.judge(ttl("24h", 10), CREATED, 10, CREATED).phase()).isEqualTo(Phase.Exhausted);
    assertThat(TokenJudge.judge(ttl("24h", 10), CREATED, 9, CREATED).phase()).isEqualTo(Phase.Active);
  }

  @Test
  @DisplayName("When a token is revoked, then it is Revoked even if it is also expired and exhausted")
  void revokedWins() {
    RegistrationTokenSpec spec = ttl("1h", 1);
    spec.setRevoked(true);

    assertThat(TokenJudge.judge(spec, CREATED, 5, CREATED.plusSeconds(7200)).phase()).isEqualTo(Phase.Revoked);
  }

  @Test
  @DisplayName("When a token is expired and exhausted, then it reads Expired")
  void expiredBeforeExhausted() {
    assertThat(TokenJudge.judge(ttl("1h", 1), CREATED, 1, CREATED.plusSeconds(7200)).phase())
        .isEqualTo(Phase.Expired);
  }

  @Test
  @DisplayName("When the spec sets both or neither expiry, or a bad timestamp, then the error says what to fix")
  void badSpecs() {
    RegistrationTokenSpec both = ttl("1h", null);
    both.setExpiresAt("2026-12-31T23:59:59Z");
    RegistrationTokenSpec badInstant = new RegistrationTokenSpec();
    badInstant.setExpiresAt("tomorrow");

    assertThatThrownBy(() -> TokenJudge.judge(both, CREATED, 0, CREATED)).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> TokenJudge.judge(new RegistrationTokenSpec(), CREATED, 0, CREATED))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> TokenJudge.judge(badInstant, CREATED, 0, CREATED))
        .hasMessageContaining("'tomorrow' is not an RFC 3339 timestamp");
  }
}
