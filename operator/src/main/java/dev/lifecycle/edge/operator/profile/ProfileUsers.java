package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import java.util.List;
import java.util.stream.Stream;

/** Which EdgeClusters pin a profile, from their {@code spec.profileRef.name}. */
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

  /** The names of the clusters, sorted and without repeats, as {@code status.usedBy} lists them. */
  public static List<String> names(Stream<EdgeCluster> clusters) {
    return clusters.map(c -> c.getMetadata().getName()).distinct().sorted().toList();
  }
}
