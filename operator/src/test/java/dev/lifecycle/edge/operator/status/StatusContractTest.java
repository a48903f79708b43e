package dev.lifecycle.edge.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import dev.lifecycle.edge.operator.status.StatusVerdict.Cause;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusContractTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-24T08:05:00Z");
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static EdgeClusterStatus applied(StatusVerdict verdict) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    StatusContract.apply(status, verdict, 3L, T0);
    return status;
  }

  private static Condition condition(ReconciledStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  @DisplayName("When the verdict is ready, then Ready is True, Reconciling and Stalled False, all with its reason")
  void ready() {
    EdgeClusterStatus status = applied(StatusVerdict.of(true, false, false, "Running", "3/3 running"));

    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason, Condition::getMessage,
            Condition::getObservedGeneration)
        .containsExactly(
            tuple("Ready", ConditionStatus.True, "Running", "3/3 running", 3L),
            tuple("Reconciling", ConditionStatus.False, "Running", "3/3 running", 3L),
            tuple("Stalled", ConditionStatus.False, "Running", "3/3 running", 3L));
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  @DisplayName("When work is under way, then Ready is False and Reconciling True")
  void reconciling() {
    EdgeClusterStatus status = applied(StatusVerdict.of(false, true, false, "Forming", "forming"));

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When a human is needed, then Stalled is True with its own reason and message when it has one")
  void stalled() {
    EdgeClusterStatus status = applied(StatusVerdict.of(false, false, true, "InvalidProfile", "two problems")
        .stalledBecause("LayerCount", "the first problem"));

    assertThat(condition(status, ConditionTypes.READY))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(ConditionStatus.False, "InvalidProfile", "two problems");
    assertThat(condition(status, ConditionTypes.STALLED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(ConditionStatus.True, "LayerCount", "the first problem");
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When the object could not be judged on its first visit, then Ready is present and Unknown")
  void unknown() {
    Cause cause = new Cause("RetryingAfterError", "failed");
    EdgeClusterStatus status = applied(new StatusVerdict(ConditionStatus.Unknown, true, false, cause, cause));

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.Unknown);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
  }

  @Test
  @DisplayName("When a condition keeps its status, then its lastTransitionTime stays; when it flips, it moves")
  void transitionTimes() {
    EdgeClusterStatus status = applied(StatusVerdict.of(false, true, false, "Forming", "1/3"));

    StatusContract.apply(status, StatusVerdict.of(true, false, false, "Running", "3/3"), 3L, T1);

    assertThat(condition(status, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2026-11-24T08:05:00Z");
    assertThat(condition(status, ConditionTypes.RECONCILING).getLastTransitionTime())
        .isEqualTo("2026-11-24T08:05:00Z");
    assertThat(condition(status, ConditionTypes.STALLED).getLastTransitionTime()).isEqualTo("2026-11-24T08:00:00Z");
  }

  @Test
  @DisplayName("When the same verdict is applied again later, then the status serializes byte for byte the same")
  void unchangedIsIdentical() {
    StatusVerdict verdict = StatusVerdict.of(true, false, false, "Running", "3/3");
    EdgeClusterStatus status = applied(verdict);
    String before = JSON.asJson(status);

    StatusContract.apply(status, verdict, 3L, T1);

    assertThat(JSON.asJson(status)).isEqualTo(before);
    assertThat(StatusContract.wouldChange(status, verdict, 3L, T1)).isFalse();
  }

  @Test
  @DisplayName("When conditions of other types are present, then the three are merged in and all stay sorted by type")
  void sortedByType() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    Conditions.set(status, "UpToDate", ConditionStatus.True, "Current", "", 3L, T0);
    Conditions.set(status, "Available", ConditionStatus.True, "Current", "", 3L, T0);

    StatusContract.apply(status, StatusVerdict.of(true, false, false, "Running", ""), 3L, T0);

    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Available", "Ready", "Reconciling", "Stalled", "UpToDate");
  }

  @Test
  @DisplayName("When the verdict flips a condition or the generation moves, then applying it would change the status")
  void wouldChange() {
    StatusVerdict running = StatusVerdict.of(true, false, false, "Running", "3/3");
    EdgeClusterStatus status = applied(running);

    assertThat(StatusContract.wouldChange(status, StatusVerdict.of(false, true, false, "Forming", "3/3"), 3L, T1))
        .isTrue();
    assertThat(StatusContract.wouldChange(status, running, 4L, T1)).isTrue();
    assertThat(StatusContract.wouldChange(status, running, 3L, T1)).isFalse();
    assertThat(condition(status, ConditionTypes.READY).getStatus()).as("a probe changes nothing")
        .isEqualTo(ConditionStatus.True);
  }
}
