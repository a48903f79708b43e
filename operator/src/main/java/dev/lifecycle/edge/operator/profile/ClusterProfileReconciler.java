package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.profile.ProfileNotices.Notice;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges each ClusterProfile (Ready or Invalid, with the reason), lists the EdgeClusters that pin it
 * in {@code status.usedBy}, and holds its deletion with a finalizer while any cluster pins it.
 *
 * <p>It reconciles when a profile or an EdgeCluster of its namespace changes (an informer with a
 * mapper), never on a timer: a blocked deletion goes on when the last cluster that pins the
 * profile is deleted or pointed elsewhere.
 */
@ControllerConfiguration(name = "clusterprofile", finalizerName = ClusterProfileReconciler.FINALIZER)
// A fleet repointed at a new version (a GitOps sync of 2,000 clusters) changes every cluster within
// seconds; usedBy then settles in a few writes per profile instead of one per cluster, which would
// queue at the API server with the rollout's own writes.
@RateLimited(maxReconciliations = 2, within = 1, unit = TimeUnit.SECONDS)
public class ClusterProfileReconciler implements Reconciler<ClusterProfile>, Cleaner<ClusterProfile> {

  /** Holds the deletion of a profile until no cluster pins it. */
  public static final String FINALIZER = "clusterprofiles.edge.lifecycle.dev/finalizer";

  private final OperatorServices services;
  private final ErrorStatus errors;
  private InformerEventSource<EdgeCluster, ClusterProfile> clusters;

  public ClusterProfileReconciler(OperatorServices services) {
    this.services = services;
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  @Override
  public List<EventSource<?, ClusterProfile>> prepareEventSources(EventSourceContext<ClusterProfile> context) {
    clusters = new InformerEventSource<>(InformerEventSourceConfiguration.from(EdgeCluster.class,
            ClusterProfile.class)
        .withSecondaryToPrimaryMapper(cluster -> profilesOfNamespace(cluster, context))
        .withOnUpdateFilter((updated, old) -> !Objects.equals(ProfileUsers.profileOf(updated),
            ProfileUsers.profileOf(old))
            || !Objects.equals(ProfileUsers.rolloutSourceOf(updated), ProfileUsers.rolloutSourceOf(old)))
        .build(), context);
    return List.of(clusters);
  }

  /**
   * Every profile of the cluster's namespace. The mapper only sees a cluster's new state, so a
   * cluster repointed from profile A to B maps to B alone unless every profile is woken: A must
   * drop it from its usedBy. A namespace holds few profiles (the versions of a handful of
   * profiles), and a profile whose status does not change writes nothing.
   */
  private static Set<ResourceID> profilesOfNamespace(EdgeCluster cluster,
      EventSourceContext<ClusterProfile> context) {
    return context.getPrimaryCache().list(cluster.getMetadata().getNamespace())
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<ClusterProfile> reconcile(ClusterProfile profile, Context<ClusterProfile> context) {
    if (services.unreadable().skip(profile)) {
      return UpdateControl.noUpdate();
    }
    writeStatus(profile, ProfileStatusBuilder.build(profile, usedBy(profile), false, services.clock().instant()),
        context);
    return UpdateControl.noUpdate();
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<ClusterProfile> updateErrorStatus(ClusterProfile profile,
      Context<ClusterProfile> context, Exception e) {
    return errors.report(profile, context, e, ClusterProfileStatus::new);
  }

  /** Removes the finalizer when no cluster pins the profile; otherwise says which do, and waits for them. */
  @Override
  public DeleteControl cleanup(ClusterProfile profile, Context<ClusterProfile> context) {
    List<String> usedBy = usedBy(profile);
    if (usedBy.isEmpty()) {
      return DeleteControl.defaultDelete();
    }
    writeStatus(profile, ProfileStatusBuilder.build(profile, usedBy, true, services.clock().instant()), context);
    return DeleteControl.noFinalizerRemoval();
  }

  /** The clusters of the profile's namespace that pin it, from the informer's cache. */
  private List<String> usedBy(ClusterProfile profile) {
    String name = profile.getMetadata().getName();
    return ProfileUsers.names(clusters.list(profile.getMetadata().getNamespace(),
        cluster -> ProfileUsers.uses(cluster, name)));
  }

  private void writeStatus(ClusterProfile profile, ClusterProfileStatus desired, Context<ClusterProfile> context) {
    ClusterProfileStatus previous = profile.getStatus();
    if (!PrimaryStatus.writeIfChanged(profile, desired, context)) {
      return;
    }
    for (Notice notice : ProfileNotices.between(previous, desired)) {
      services.events().record(profile, notice.warning(), notice.reason(), notice.message());
    }
  }
}
