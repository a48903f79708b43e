package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.operator.profile.ProfileCheck;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The profile a cluster points at, resolved from the profile informer's cache: either a target to
 * form with, or the reason the cluster cannot (the profile is missing or invalid). The cluster
 * resumes by itself when the profile appears or is fixed: the profile informer triggers it.
 *
 * @param target what the hosts should run
 * @param blocker why the cluster cannot form
 */
record ProfileResolution(Optional<FormationPlanner.Target> target, Optional<ClusterVerdict> blocker) {

  static ProfileResolution resolve(EdgeClusterSpec spec, InformerEventSource<ClusterProfile, EdgeCluster> profiles,
      String namespace) {
    if (spec == null || spec.getProfileRef() == null || spec.getProfileRef().getName() == null) {
      return blocked("InvalidSpec", "spec.profileRef.name is required: name the ClusterProfile to run");
    }
    String name = spec.getProfileRef().getName();
    Optional<ClusterProfile> profile = profiles.get(new ResourceID(name, namespace));
    if (profile.isEmpty()) {
      return blocked("ProfileNotFound", "ClusterProfile " + name + " does not exist in namespace " + namespace
          + "; the cluster forms once it does");
    }
    List<ProfileCheck.Problem> problems = ProfileCheck.problems(profile.get().getSpec());
    if (!problems.isEmpty()) {
      return blocked("ProfileInvalid", "ClusterProfile " + name + " is invalid: "
          + problems.stream().map(ProfileCheck.Problem::message).collect(Collectors.joining("; ")));
    }
    return new ProfileResolution(Optional.of(new FormationPlanner.Target(name, profile.get().getSpec().getVersion(),
        profile.get().getSpec().getLayers(), ClusterSpecs.controlPlaneEndpoint(spec), PlanSettings.of(spec))),
        Optional.empty());
  }

  private static ProfileResolution blocked(String reason, String message) {
    return new ProfileResolution(Optional.empty(), Optional.of(ClusterVerdict.stalled(Phase.Pending, reason, message)));
  }
}
