package dev.lifecycle.edge.site.api.content;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.site.content.BundleRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which clusters use which bundles, decided without I/O: a bundle is in use by a cluster when it covers a profile
 * version the cluster runs. A cluster runs the ClusterProfile its {@code spec.profileRef} names and, while a rollout
 * has not completed ({@code status.upgrade.phase} other than Complete), the rollout's {@code fromProfile} and
 * {@code toProfile} too. A ClusterProfile's profile version is its {@value #PROFILE_LABEL} label (else its object
 * name) and {@code spec.version}: the pair {@code bundle build} writes into a bundle (forge's ProfileNeeds). A bundle
 * nothing uses may be deleted; garbage collection keeps more (see {@code ContentRetention}).
 */
public final class BundleUsage {

  /** The label {@code bundle build} reads a profile's name from (forge's ProfileNeeds.PROFILE_LABEL). */
  public static final String PROFILE_LABEL = "edge.lifecycle.dev/profile";

  /**
   * What one cluster runs.
   *
   * @param cluster  the EdgeCluster's name
   * @param profiles the profile versions it runs: its spec's, and its status's while an update is under way
   */
  public record ClusterRun(String cluster, Set<ProfileRef> profiles) {
    public ClusterRun {
      profiles = Set.copyOf(profiles);
    }
  }

  private BundleUsage() {
  }

  /** What each cluster runs, from the namespace's EdgeClusters and ClusterProfiles. */
  public static List<ClusterRun> runs(List<EdgeCluster> clusters, List<ClusterProfile> profiles) {
    Map<String, ProfileRef> byObject = new HashMap<>();
    for (ClusterProfile profile : profiles) {
      if (profile.getMetadata() != null && profile.getSpec() != null && profile.getSpec().getVersion() != null
          && !profile.getSpec().getVersion().isBlank()) {
        byObject.put(profile.getMetadata().getName(), new ProfileRef(profileName(profile),
            profile.getSpec().getVersion()));
      }
    }
    List<ClusterRun> runs = new ArrayList<>();
    for (EdgeCluster cluster : clusters) {
      Set<String> objects = new LinkedHashSet<>();
      if (cluster.getSpec() != null && cluster.getSpec().getProfileRef() != null) {
        objects.add(cluster.getSpec().getProfileRef().getName());
      }
      UpgradeStatus upgrade = cluster.getStatus() == null ? null : cluster.getStatus().getUpgrade();
      if (upgrade != null && upgrade.getPhase() != UpgradeStatus.Phase.Complete) {
        objects.add(upgrade.getFromProfile());
        objects.add(upgrade.getToProfile());
      }
      Set<ProfileRef> running = new LinkedHashSet<>();
      for (String object : objects) {
        ProfileRef ref = object == null ? null : byObject.get(object);
        if (ref != null) {
          running.add(ref);
        }
      }
      runs.add(new ClusterRun(cluster.getMetadata().getName(), running));
    }
    return runs;
  }

  static String profileName(ClusterProfile profile) {
    Map<String, String> labels = profile.getMetadata().getLabels();
    String label = labels == null ? null : labels.get(PROFILE_LABEL);
    return label != null && !label.isBlank() ? label : profile.getMetadata().getName();
  }

  /** For each bundle id of {@code bundles}, the names of the clusters using it, sorted (empty when none). */
  public static Map<String, List<String>> usedBy(List<BundleRecord> bundles, List<ClusterRun> runs) {
    Map<String, List<String>> users = new TreeMap<>();
    for (BundleRecord bundle : bundles) {
      Set<String> clusters = new TreeSet<>();
      for (ClusterRun run : runs) {
        for (ProfileRef profile : bundle.profiles()) {
          if (run.profiles().contains(profile)) {
            clusters.add(run.cluster());
          }
        }
      }
      users.put(bundle.id(), new ArrayList<>(clusters));
    }
    return users;
  }

  /** The ids of the bundles some cluster uses. */
  public static Set<String> inUse(List<BundleRecord> bundles, List<ClusterRun> runs) {
    Set<String> ids = new TreeSet<>();
    usedBy(bundles, runs).forEach((id, clusters) -> {
      if (!clusters.isEmpty()) {
        ids.add(id);
      }
    });
    return ids;
  }
}
