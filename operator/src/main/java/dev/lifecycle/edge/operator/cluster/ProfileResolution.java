package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.profile.ProfileCheck;
import dev.lifecycle.edge.operator.registry.RegistryResolver;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The profile a cluster points at, resolved from the profile informer's cache: either a target to
 * form with, or the reason the cluster cannot (the profile is missing or invalid). The cluster
 * resumes by itself when the profile appears or is fixed: the profile informer triggers it.
 *
 * <p>The profile's variables are resolved with the cluster's values here: the target's layers carry them,
 * and its version carries their digest ({@link VariableResolver#version}), so a changed value is a new target
 * and rolls out like a new profile version. Variables that do not resolve hold the cluster, formed or not:
 * nothing is planned or moved until they do.
 *
 * @param target what the hosts should run
 * @param blocker why the cluster cannot form
 * @param variables why the profile's variables do not resolve for this cluster, if so
 */
record ProfileResolution(Optional<FormationPlanner.Target> target, Optional<ClusterVerdict> blocker,
    Optional<ClusterVerdict> variables) {

  /**
   * What resolving variables reads besides the specs.
   *
   * @param secrets what a Secret key referenced by a value holds
   * @param digestKey the key of the values' digest (the cluster's join secret), empty while it is unknown
   */
  record VariableInputs(Function<SecretKeyReference, VariableResolver.SecretValue> secrets,
      Supplier<Optional<byte[]>> digestKey) {
  }

  /** {@link #resolve(EdgeClusterSpec, InformerEventSource, String, VariableInputs, Optional)} for no registry. */
  static ProfileResolution resolve(EdgeClusterSpec spec, InformerEventSource<ClusterProfile, EdgeCluster> profiles,
      String namespace, VariableInputs inputs) {
    return resolve(spec, profiles, namespace, inputs, Optional.empty());
  }

  /**
   * The profile resolved, then the cluster's ImageRegistry applied: its rules map the target's layers and its
   * settings replace spec.registries in the plans. A registry that cannot be used holds the cluster as variables
   * that do not resolve do: no target, nothing planned or moved.
   */
  static ProfileResolution resolve(EdgeClusterSpec spec, InformerEventSource<ClusterProfile, EdgeCluster> profiles,
      String namespace, VariableInputs inputs, Optional<RegistryResolver.Outcome> registry) {
    ProfileResolution resolved = resolveProfile(spec, profiles, namespace, inputs);
    if (registry.isEmpty() || resolved.blocker().isPresent() || resolved.variables().isPresent()) {
      return resolved;
    }
    if (registry.get() instanceof RegistryResolver.Refused refused) {
      return new ProfileResolution(Optional.empty(), Optional.empty(), Optional.of(ClusterVerdict.stalled(null,
          refused.reason(), refused.message() + "; nothing is planned or rolled out until it is fixed")));
    }
    RegistryResolver.Usable usable = (RegistryResolver.Usable) registry.get();
    return new ProfileResolution(resolved.target().map(t -> new FormationPlanner.Target(t.profileName(),
        t.profileVersion(), usable.rules().apply(t.layers()), t.controlPlaneEndpoint(),
        t.settings().withRegistries(usable.planRegistries()))), Optional.empty(), Optional.empty());
  }

  private static ProfileResolution resolveProfile(EdgeClusterSpec spec,
      InformerEventSource<ClusterProfile, EdgeCluster> profiles, String namespace, VariableInputs inputs) {
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
    ClusterProfileSpec profileSpec = profile.get().getSpec();
    List<ProfileLayer> layers = profileSpec.getLayers();
    String version = profileSpec.getVersion();
    if (!profileSpec.getVariables().isEmpty() || !spec.getVariables().isEmpty()) {
      Optional<byte[]> key = inputs.digestKey().get();
      if (key.isEmpty()) {
        // The join secret is being made, or its problem holds the cluster already: nothing to target yet.
        return new ProfileResolution(Optional.empty(), Optional.empty(), Optional.empty());
      }
      VariableResolver.Outcome outcome = VariableResolver.resolve(profileSpec.getVariables(), spec.getVariables(),
          inputs.secrets(), layers, key.get());
      if (outcome instanceof VariableResolver.Refused refused) {
        ClusterVerdict stalled = ClusterVerdict.stalled(null, refused.reason(), "variable " + refused.variable()
            + " of ClusterProfile " + name + ": " + refused.message() + "; nothing is planned or rolled out "
            + "until it is fixed");
        return new ProfileResolution(Optional.empty(), Optional.empty(), Optional.of(stalled));
      }
      VariableResolver.Resolved resolved = (VariableResolver.Resolved) outcome;
      return new ProfileResolution(Optional.of(new FormationPlanner.Target(name,
          VariableResolver.version(version, resolved.digest()), resolved.layers(), ClusterSpecs.controlPlaneEndpoint(spec),
          PlanSettings.of(spec).withSecretDigests(resolved.secretDigests()))), Optional.empty(), Optional.empty());
    }
    return new ProfileResolution(Optional.of(new FormationPlanner.Target(name, version, layers,
        ClusterSpecs.controlPlaneEndpoint(spec), PlanSettings.of(spec))), Optional.empty(), Optional.empty());
  }

  private static ProfileResolution blocked(String reason, String message) {
    return new ProfileResolution(Optional.empty(), Optional.of(ClusterVerdict.stalled(Phase.Pending, reason, message)),
        Optional.empty());
  }
}
