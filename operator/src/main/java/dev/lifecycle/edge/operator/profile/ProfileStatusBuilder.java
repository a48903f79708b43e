package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.profile.ProfileCheck.Problem;
import dev.lifecycle.edge.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes a ClusterProfile's status: the verdict of {@link ProfileCheck} (phase, Ready, Stalled),
 * the clusters that pin it, and, while a deletion waits for them, why. Pure: the reconciler passes
 * in the profile and its users.
 */
public final class ProfileStatusBuilder {

  private ProfileStatusBuilder() {
  }

  /**
   * The status the profile should have.
   *
   * @param profile the profile as read; its status supplies the previous conditions
   * @param usedBy the names of the clusters that pin it, sorted
   * @param deleting whether the profile is marked for deletion
   * @param now the time a flipped condition records as its transition
   */
  public static ClusterProfileStatus build(ClusterProfile profile, List<String> usedBy, boolean deleting,
      Instant now) {
    ClusterProfileStatus previous = profile.getStatus();
    ClusterProfileStatus status = new ClusterProfileStatus();
    if (previous != null) {
      status.setConditions(previous.getConditions());
    }
    Long generation = profile.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setUsedBy(new ArrayList<>(usedBy));

    List<Problem> problems = ProfileCheck.problems(profile.getSpec());
    String readyReason;
    String readyMessage;
    if (problems.isEmpty()) {
      readyReason = ProfileReasons.VALID;
      readyMessage = summary(profile);
      status.setPhase(Phase.Ready);
      Conditions.set(status, ConditionTypes.STALLED, ConditionStatus.False, readyReason, readyMessage, generation,
          now);
    } else {
      readyReason = ProfileReasons.INVALID;
      readyMessage = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
      status.setPhase(Phase.Invalid);
      Conditions.set(status, ConditionTypes.STALLED, ConditionStatus.True, problems.get(0).reason(), readyMessage,
          generation, now);
    }

    if (deleting && !usedBy.isEmpty()) {
      String waiting = deletionWaits(usedBy);
      Conditions.set(status, ConditionTypes.READY, ConditionStatus.False, ProfileReasons.DELETION_BLOCKED, waiting,
          generation, now);
      Conditions.set(status, ConditionTypes.RECONCILING, ConditionStatus.True, ProfileReasons.DELETION_BLOCKED,
          waiting, generation, now);
    } else {
      Conditions.set(status, ConditionTypes.READY, problems.isEmpty() ? ConditionStatus.True : ConditionStatus.False,
          readyReason, readyMessage, generation, now);
      Conditions.set(status, ConditionTypes.RECONCILING, ConditionStatus.False, readyReason, readyMessage, generation,
          now);
    }
    return status;
  }

  /** The message of a deletion that waits for the clusters that pin the profile. */
  static String deletionWaits(List<String> usedBy) {
    return "deletion waits: used by clusters " + String.join(", ", usedBy)
        + "; point them at another profile or delete them";
  }

  /** Such as "profile store-edge 1.0.0 with 3 layers: edge-os, k3s, cilium". */
  static String summary(ClusterProfile profile) {
    ClusterProfileSpec spec = profile.getSpec();
    Map<String, String> labels = profile.getMetadata().getLabels();
    String family = labels == null ? null : labels.get(ApiGroup.PROFILE_LABEL);
    String title = family == null
        ? profile.getMetadata().getName() + " version " + spec.getVersion()
        : family + " " + spec.getVersion();
    List<ProfileLayer> layers = spec.getLayers();
    return "profile " + title + " with " + layers.size() + " layers: "
        + layers.stream().map(ProfileLayer::getName).collect(Collectors.joining(", "));
  }
}
