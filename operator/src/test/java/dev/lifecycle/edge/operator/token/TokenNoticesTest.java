package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.token.SecretOutcome.Kind;
import dev.lifecycle.edge.operator.token.TokenNotices.Notice;
import dev.lifecycle.edge.operator.token.TokenStatusBuilder.Observation;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenNoticesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final SecretOutcome SECRET = new SecretOutcome(Kind.UNCHANGED, "wave-1", "");

  private static RegistrationTokenStatus status(Phase phase, RegistrationTokenStatus previous) {
    Judgement judgement = new Judgement(Optional.of(new TokenVerdict(phase, phase.name(), "because " + phase, NOW,
        Optional.empty())), Optional.empty());
    return TokenStatusBuilder.build(new Observation(1L, SECRET, judgement, 0), previous, NOW);
  }

  private static RegistrationTokenStatus stalled(SecretOutcome secret, RegistrationTokenStatus previous) {
    Judgement judgement = new Judgement(Optional.empty(), Optional.of("bad ttl"));
    return TokenStatusBuilder.build(new Observation(1L, secret, judgement, 0), previous, NOW);
  }

  @Test
  @DisplayName("When a token is first seen Active, then no phase Event is recorded (TokenIssued says it)")
  void firstActive() {
    assertThat(TokenNotices.forStatus(null, status(Phase.Active, null))).isEmpty();
  }

  @Test
  @DisplayName("When a token is first seen Revoked, then a Revoked Event is recorded")
  void firstRevoked() {
    assertThat(TokenNotices.forStatus(null, status(Phase.Revoked, null)))
        .extracting(Notice::reason).containsExactly("Revoked");
  }

  @Test
  @DisplayName("When the phase changes, then one Event names the new phase; when it does not, none")
  void phaseChange() {
    RegistrationTokenStatus active = status(Phase.Active, null);
    RegistrationTokenStatus expired = status(Phase.Expired, active);

    assertThat(TokenNotices.forStatus(active, expired)).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo("Expired");
      assertThat(n.warning()).isFalse();
    });
    assertThat(TokenNotices.forStatus(expired, status(Phase.Expired, expired))).isEmpty();
  }

  @Test
  @DisplayName("When a token becomes Active again, then the Event says it registers hosts again")
  void activeAgain() {
    RegistrationTokenStatus exhausted = status(Phase.Exhausted, null);

    assertThat(TokenNotices.forStatus(exhausted, status(Phase.Active, exhausted))).singleElement()
        .satisfies(n -> assertThat(n.message()).startsWith("the token registers hosts again"));
  }

  @Test
  @DisplayName("When a token stalls, then one Warning names the reason; while it stays stalled, none")
  void stall() {
    RegistrationTokenStatus active = status(Phase.Active, null);
    RegistrationTokenStatus invalid = stalled(SECRET, active);

    assertThat(TokenNotices.forStatus(active, invalid)).singleElement().satisfies(n -> {
      assertThat(n.warning()).isTrue();
      assertThat(n.reason()).isEqualTo("InvalidSpec");
    });
    assertThat(TokenNotices.forStatus(invalid, stalled(SECRET, invalid))).isEmpty();
  }

  @Test
  @DisplayName("When the Secret is issued, re-issued or re-rendered, then an Event says so; unchanged, none")
  void secretNotices() {
    assertThat(TokenNotices.forSecret(new SecretOutcome(Kind.ISSUED, "wave-1", "")))
        .hasValueSatisfying(n -> assertThat(n.reason()).isEqualTo("TokenIssued"));
    assertThat(TokenNotices.forSecret(new SecretOutcome(Kind.REISSUED, "wave-1", "Secret wave-1 was deleted")))
        .hasValueSatisfying(n -> {
          assertThat(n.reason()).isEqualTo("TokenReissued");
          assertThat(n.warning()).isTrue();
          assertThat(n.message()).startsWith("Secret wave-1 was deleted");
        });
    assertThat(TokenNotices.forSecret(new SecretOutcome(Kind.UPDATED, "wave-1", "")))
        .hasValueSatisfying(n -> assertThat(n.reason()).isEqualTo("UserDataUpdated"));
    assertThat(TokenNotices.forSecret(new SecretOutcome(Kind.UNCHANGED, "wave-1", ""))).isEmpty();
    assertThat(TokenNotices.forSecret(new SecretOutcome(Kind.CONFLICT, "wave-1", "taken"))).isEmpty();
  }
}
