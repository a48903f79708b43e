package dev.lifecycle.edge.operator.profile;

import static dev.lifecycle.edge.operator.profile.Profiles.layer;
import static dev.lifecycle.edge.operator.profile.Profiles.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileStatusBuilderTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T11:00:00Z");

  private static Condition condition(ClusterProfileStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  @DisplayName("When the profile passes every check, then it is Ready, not Stalled, not Reconciling, "
      + "and the message names version and layers")
  void validProfile() {
    ClusterProfile profile = valid("ns", "store-edge-1.0.0", "1.0.0");
    profile.getMetadata().setLabels(Map.of(ApiGroup.PROFILE_LABEL, "store-edge"));

    ClusterProfileStatus status = ProfileStatusBuilder.build(profile, List.of("store-1"), false, T0);

    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getUsedBy()).containsExactly("store-1");
    assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            tuple(ConditionTypes.READY, ConditionStatus.True, "Valid"),
            tuple(ConditionTypes.RECONCILING, ConditionStatus.False, "Valid"),
            tuple(ConditionTypes.STALLED, ConditionStatus.False, "Valid"));
    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("profile store-edge 1.0.0 with 3 layers: edge-os, k3s, cilium");
    assertThat(status.getConditions()).allSatisfy(c -> {
      assertThat(c.getObservedGeneration()).isEqualTo(1L);
      assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
    });
  }

  @Test
  @DisplayName("When the profile has no profile label, then the message names the object and its version")
  void summaryWithoutLabel() {
    ClusterProfileStatus status = ProfileStatusBuilder.build(valid("ns", "edge-1.2.0", "1.2.0"), List.of(), false, T0);

    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("profile edge-1.2.0 version 1.2.0 with 3 layers: edge-os, k3s, cilium");
  }

  @Test
  @DisplayName("When the profile fails checks, then it is Invalid, Stalled with the first problem's reason, "
      + "and every problem is in the message")
  void invalidProfile() {
    ClusterProfile profile = valid("ns", "bad-1.0.0", "1.0.0");
    profile.getSpec().getLayers().add(layer("edge-os", LayerType.OS, "1.5"));

    ClusterProfileStatus status = ProfileStatusBuilder.build(profile, List.of(), false, T0);

    assertThat(status.getPhase()).isEqualTo(Phase.Invalid);
    Condition ready = condition(status, ConditionTypes.READY);
    Condition stalled = condition(status, ConditionTypes.STALLED);
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(ready.getReason()).isEqualTo("InvalidProfile");
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getReason()).isEqualTo("LayerCount");
    assertThat(stalled.getMessage()).isEqualTo("a profile needs exactly one layer of type os, this one has 2; "
        + "layer names must be unique; repeated: edge-os; "
        + "layer edge-os has version '1.5', not a semantic version such as 1.30.2");
    assertThat(ready.getMessage()).isEqualTo(stalled.getMessage());
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When a deletion waits for clusters, then Ready is False and Reconciling True with DeletionBlocked "
      + "naming them, and the phase keeps the check's verdict")
  void deletionBlocked() {
    ClusterProfile profile = valid("ns", "store-edge-1.0.0", "1.0.0");

    ClusterProfileStatus status = ProfileStatusBuilder.build(profile, List.of("depot", "store-1"), true, T0);

    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    String expected = "deletion waits: used by clusters depot, store-1; point them at another profile or delete them";
    for (String type : List.of(ConditionTypes.READY, ConditionTypes.RECONCILING)) {
      assertThat(condition(status, type).getReason()).isEqualTo("DeletionBlocked");
      assertThat(condition(status, type).getMessage()).isEqualTo(expected);
    }
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
  }

  @Test
  @DisplayName("When nothing flips between two visits, then the transition times stay and only usedBy changes")
  void keepsTransitionTimes() {
    ClusterProfile profile = valid("ns", "store-edge-1.0.0", "1.0.0");
    profile.setStatus(ProfileStatusBuilder.build(profile, List.of(), false, T0));

    ClusterProfileStatus later = ProfileStatusBuilder.build(profile, List.of("store-1"), false, T1);

    assertThat(later.getUsedBy()).containsExactly("store-1");
    assertThat(later.getConditions()).extracting(Condition::getLastTransitionTime)
        .containsOnly("2025-03-01T10:00:00Z");
  }

  @Test
  @DisplayName("When a deletion starts to wait, then Ready and Reconciling record the flip and Stalled does not")
  void deletionFlipsReadyAndReconciling() {
    ClusterProfile profile = valid("ns", "store-edge-1.0.0", "1.0.0");
    profile.setStatus(ProfileStatusBuilder.build(profile, List.of("store-1"), false, T0));

    ClusterProfileStatus deleting = ProfileStatusBuilder.build(profile, List.of("store-1"), true, T1);

    assertThat(condition(deleting, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2025-03-01T11:00:00Z");
    assertThat(condition(deleting, ConditionTypes.RECONCILING).getLastTransitionTime())
        .isEqualTo("2025-03-01T11:00:00Z");
    assertThat(condition(deleting, ConditionTypes.STALLED).getLastTransitionTime())
        .isEqualTo("2025-03-01T10:00:00Z");
  }
}
