package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.profile.ProfileCheck.Problem;
import dev.lifecycle.edge.operator.status.StatusContract;
import dev.lifecycle.edge.operator.status.StatusVerdict;
import dev.lifecycle.edge.operator.status.StatusVerdict.Cause;
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
    status.setUsedBy(new ArrayList<>(usedBy));

    List<Problem> problems = ProfileCheck.problems(profile.getSpec());
    StatusVerdict judged;
    if (problems.isEmpty()) {
      status.setPhase(Phase.Ready);
      judged = StatusVerdict.of(true, false, false, ProfileReasons.VALID, summary(profile));
    } else {
      status.setPhase(Phase.Invalid);
      String message = problems.stream().map(Problem::message).collect(Collectors.joining("; "));
      judged = StatusVerdict.of(false, false, true, ProfileReasons.INVALID, message)
          .stalledBecause(problems.get(0).reason(), message);
    }
    // While a deletion waits, Ready and Reconciling say so; Stalled still says whether the profile is usable.
    StatusVerdict verdict = deleting && !usedBy.isEmpty()
        ? new StatusVerdict(ConditionStatus.False, true, judged.stalled(),
            new Cause(ProfileReasons.DELETION_BLOCKED, deletionWaits(usedBy)), judged.stalledCause())
        : judged;
    StatusContract.apply(status, verdict, profile.getMetadata().getGeneration(), now);
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
