package dev.lifecycle.edge.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private static Optional<RetryInfo> attempt(int count, boolean last) {
    return Optional.of(new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return count;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    });
  }

  private static RegistrationTokenStatus applied(RegistrationTokenStatus status, ReconcileFailure failure) {
    StatusContract.apply(status, failure.verdict(), 2L, NOW);
    return status;
  }

  private static Condition condition(RegistrationTokenStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  @DisplayName("When a first reconcile fails, then Ready is Unknown and Reconciling True with what failed")
  void firstVisit() {
    ReconcileFailure failure = ReconcileFailure.of(new IllegalStateException("timeout"), Optional.empty());

    RegistrationTokenStatus status = applied(new RegistrationTokenStatus(), failure);

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.Unknown);
    assertThat(condition(status, ConditionTypes.RECONCILING))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(ConditionStatus.True, "RetryingAfterError",
            "the last reconcile failed and is retried: IllegalStateException: timeout");
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(failure.reason()).isEqualTo("RetryingAfterError");
  }

  @Test
  @DisplayName("When a later reconcile fails, then the phase and the kind's own fields stay and Ready turns Unknown")
  void laterVisit() {
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    status.setPhase(Phase.Active);
    status.setRegistrations(1);
    StatusContract.apply(status, StatusVerdict.of(true, false, false, "Active", "registers hosts"), 1L, NOW);

    applied(status, ReconcileFailure.of(new IllegalStateException("boom"), attempt(1, false)));

    assertThat(status.getPhase()).isEqualTo(Phase.Active);
    assertThat(status.getRegistrations()).isEqualTo(1);
    assertThat(condition(status, ConditionTypes.READY))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly(ConditionStatus.Unknown, "RetryingAfterError");
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
  }

  @Test
  @DisplayName("When the last retry fails, then the object is Stalled and not Ready, with RetriesExhausted")
  void retriesExhausted() {
    ReconcileFailure failure = ReconcileFailure.of(new IllegalStateException("boom"), attempt(5, true));

    RegistrationTokenStatus status = applied(new RegistrationTokenStatus(), failure);

    assertThat(failure.reason()).isEqualTo("RetriesExhausted");
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.STALLED))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly(ConditionStatus.True, "RetriesExhausted");
  }

  @Test
  @DisplayName("When the API refused a request, then the detail is the server's message, not the client's dump")
  void apiError() {
    KubernetesClientException refused = new KubernetesClientException(new StatusBuilder().withCode(403)
        .withMessage("secrets is forbidden: User cannot create resource").build());

    assertThat(ReconcileFailure.of(refused, Optional.empty()).detail())
        .isEqualTo("KubernetesClientException: HTTP 403: secrets is forbidden: User cannot create resource");
  }

  @Test
  @DisplayName("When an exception message is long or has several lines, then the detail is its first line, bounded")
  void boundedDetail() {
    String detail = ReconcileFailure.of(new IllegalStateException("x".repeat(1000)), Optional.empty()).detail();

    assertThat(detail).hasSize(ReconcileFailure.DETAIL_LIMIT).startsWith("IllegalStateException: xxx")
        .endsWith("...");
    assertThat(ReconcileFailure.of(new IllegalStateException("first\nsecond"), Optional.empty()).detail())
        .isEqualTo("IllegalStateException: first");
    assertThat(ReconcileFailure.of(new NullPointerException(), Optional.empty()).detail())
        .isEqualTo("NullPointerException");
  }
}
