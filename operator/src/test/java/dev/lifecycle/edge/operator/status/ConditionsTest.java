package dev.lifecycle.edge.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-24T08:05:00Z");

  @Test
  @DisplayName("When only the reason or message changes, then lastTransitionTime stays")
  void keepsTransitionTimeWhileStatusHolds() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, "InsufficientHosts", "0/3", 1L, T0);
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, "InsufficientHosts", "2/3", 2L, T1);

    Condition ready = status.condition(ConditionTypes.READY).orElseThrow();
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-24T08:00:00Z");
    assertThat(ready.getMessage()).isEqualTo("2/3");
    assertThat(ready.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getConditions()).hasSize(1);
  }

  @Test
  @DisplayName("When the status flips, then lastTransitionTime moves to now")
  void movesTransitionTimeOnFlip() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, "Forming", "", 1L, T0);
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.True, "Running", "", 1L, T1);

    assertThat(status.condition(ConditionTypes.READY).orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-11-24T08:05:00Z");
    assertThat(Conditions.isTrue(status, ConditionTypes.READY)).isTrue();
  }

  @Test
  @DisplayName("When conditions are set in any order, then they are kept sorted by type, one per type")
  void sortedByType() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    Conditions.set(status, ConditionTypes.STALLED, ConditionStatus.False, "None", "", 1L, T0);
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.Unknown, "FirstVisit", "", 1L, T0);
    Conditions.set(status, ConditionTypes.RECONCILING, ConditionStatus.True, "Forming", "", 1L, T0);
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, "Forming", "", 1L, T0);

    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "Reconciling", "Stalled");
  }
}
