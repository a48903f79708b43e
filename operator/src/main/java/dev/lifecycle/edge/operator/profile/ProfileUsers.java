package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which EdgeClusters use a profile: the one their {@code spec.profileRef.name} names, and, until a
 * rollout completes, the one it started from (hosts still run it, and a rollback returns to it).
 */
public final class ProfileUsers {

  private ProfileUsers() {
  }

  /** The profile a cluster pins, or null when its spec names none. */
  public static String profileOf(EdgeCluster cluster) {
    if (cluster.getSpec() == null || cluster.getSpec().getProfileRef() == null) {
      return null;
    }
    return cluster.getSpec().getProfileRef().getName();
  }

  /** Whether the cluster pins the named profile. */
  public static boolean pins(EdgeCluster cluster, String profile) {
    return profile.equals(profileOf(cluster));
  }

  /** The profile a rollout started from while hosts may still run it or return to it, or null. */
  public static String rolloutSourceOf(EdgeCluster cluster) {
    UpgradeStatus upgrade = cluster.getStatus() == null ? null : cluster.getStatus().getUpgrade();
    if (upgrade == null || upgrade.getPhase() == null || upgrade.getPhase() == UpgradeStatus.Phase.Complete) {
      return null;
    }
    return upgrade.getFromProfile();
  }

  /** Whether the cluster pins the profile or its rollout started from it. */
  public static boolean uses(EdgeCluster cluster, String profile) {
    return pins(cluster, profile) || profile.equals(rolloutSourceOf(cluster));
  }

  /** The names of the clusters, sorted and without repeats, as {@code status.usedBy} lists them. */
  public static List<String> names(Stream<EdgeCluster> clusters) {
    return clusters.map(c -> c.getMetadata().getName()).distinct().sorted().toList();
  }
}
