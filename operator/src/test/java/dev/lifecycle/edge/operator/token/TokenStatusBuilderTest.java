package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.token.SecretOutcome.Kind;
import dev.lifecycle.edge.operator.token.TokenStatusBuilder.Observation;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenStatusBuilderTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2026-11-25T08:00:00Z");
  private static final SecretOutcome SECRET = new SecretOutcome(Kind.UNCHANGED, "wave-1", "");
  private static final SecretOutcome CONFLICT = new SecretOutcome(Kind.CONFLICT, "wave-1", "Secret wave-1 is taken");

  private static Judgement verdict(Phase phase) {
    return new Judgement(Optional.of(new TokenVerdict(phase, phase.name(), "because " + phase, EXPIRY,
        Optional.empty())), Optional.empty());
  }

  private static Judgement invalid() {
    return new Judgement(Optional.empty(), Optional.of("set exactly one of spec.expiresAt or spec.ttl"));
  }

  private static Condition condition(RegistrationTokenStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  @DisplayName("When the token is Active and its Secret in place, then Ready is True and nothing reconciles or stalls")
  void active() {
    RegistrationTokenStatus status = TokenStatusBuilder.build(new Observation(3L, SECRET, verdict(Phase.Active), 2),
        null, NOW);

    assertThat(status.getPhase()).isEqualTo(Phase.Active);
    assertThat(status.getSecretName()).isEqualTo("wave-1");
    assertThat(status.getRegistrations()).isEqualTo(2);
    assertThat(status.getExpiresAt()).isEqualTo("2026-11-25T08:00:00Z");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo("Active");
    assertThat(condition(status, ConditionTypes.READY).getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When the token is Expired, Revoked or Exhausted, then Ready is False with that reason and it is not "
      + "Stalled")
  void settledPhases() {
    for (Phase phase : new Phase[] {Phase.Expired, Phase.Revoked, Phase.Exhausted}) {
      RegistrationTokenStatus status = TokenStatusBuilder.build(new Observation(1L, SECRET, verdict(phase), 0), null,
          NOW);

      assertThat(status.getPhase()).isEqualTo(phase);
      assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
      assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo(phase.name());
      assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
    }
  }

  @Test
  @DisplayName("When the spec cannot be judged, then it is Stalled with InvalidSpec, has no phase, and names its "
      + "Secret")
  void invalidSpec() {
    RegistrationTokenStatus status = TokenStatusBuilder.build(new Observation(1L, SECRET, invalid(), 0), null, NOW);

    assertThat(status.getPhase()).isNull();
    assertThat(status.getExpiresAt()).isNull();
    assertThat(status.getSecretName()).isEqualTo("wave-1");
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.STALLED).getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, ConditionTypes.STALLED).getMessage()).contains("exactly one of");
  }

  @Test
  @DisplayName("When the Secret name is taken, then it is Stalled with SecretConflict and names no Secret")
  void conflict() {
    RegistrationTokenStatus status = TokenStatusBuilder.build(new Observation(1L, CONFLICT, verdict(Phase.Active), 0),
        null, NOW);

    assertThat(status.getSecretName()).isNull();
    assertThat(status.getPhase()).isEqualTo(Phase.Active);
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.STALLED).getReason()).isEqualTo("SecretConflict");
    assertThat(condition(status, ConditionTypes.STALLED).getMessage()).isEqualTo("Secret wave-1 is taken");
  }

  @Test
  @DisplayName("When the status does not flip, then lastTransitionTime stays; when it flips, it moves")
  void transitionTime() {
    RegistrationTokenStatus first = TokenStatusBuilder.build(new Observation(1L, SECRET, verdict(Phase.Active), 0),
        null, NOW);
    RegistrationTokenStatus same = TokenStatusBuilder.build(new Observation(1L, SECRET, verdict(Phase.Active), 1),
        first, NOW.plusSeconds(60));
    RegistrationTokenStatus flipped = TokenStatusBuilder.build(new Observation(1L, SECRET, verdict(Phase.Expired), 1),
        same, NOW.plusSeconds(120));

    assertThat(condition(same, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2026-11-24T08:00:00Z");
    assertThat(condition(flipped, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2026-11-24T08:02:00Z");
  }
}
