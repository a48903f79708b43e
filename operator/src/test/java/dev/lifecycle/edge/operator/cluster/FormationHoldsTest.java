package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.operator.status.Conditions;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FormationHoldsTest {

  private static EdgeClusterStatus ready(String reason) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, reason, "because " + reason, 1L,
        Instant.parse("2026-12-06T07:00:00Z"));
    return status;
  }

  @Test
  @DisplayName("When the Ready condition takes JoinSecretLost, then one Warning Event says so, and none the next round")
  void onceOnTransition() {
    assertThat(FormationHolds.between(ready("Forming"), ready(JoinSecretStore.LOST))).hasValueSatisfying(n -> {
      assertThat(n.warning()).isTrue();
      assertThat(n.reason()).isEqualTo("JoinSecretLost");
      assertThat(n.message()).isEqualTo("because JoinSecretLost");
    });
    assertThat(FormationHolds.between(null, ready(FormationPlanner.ADDRESS_UNKNOWN))).isPresent();
    assertThat(FormationHolds.between(ready(JoinSecretStore.LOST), ready(JoinSecretStore.LOST))).isEmpty();
    assertThat(FormationHolds.between(ready(JoinSecretStore.LOST), ready("Running"))).isEmpty();
  }
}
