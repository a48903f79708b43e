package dev.lifecycle.edge.site.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.site.content.BundleRecord;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BundleUsageTest {

  private static BundleRecord bundle(String id, ProfileRef... profiles) {
    return new BundleRecord(id, id, List.of(profiles), List.of(), List.of(), false, 1, 1, "key",
        "2026-12-06T12:00:00Z");
  }

  private static ClusterProfile profile(String object, String label, String version) {
    ClusterProfile profile = new ClusterProfile();
    ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(object);
    if (label != null) {
      meta.withLabels(Map.of(BundleUsage.PROFILE_LABEL, label));
    }
    profile.setMetadata(meta.build());
    profile.setSpec(new ClusterProfileSpec(version, new ArrayList<>()));
    return profile;
  }

  private static EdgeCluster cluster(String name, String profile, UpgradeStatus upgrade) {
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
    EdgeClusterSpec spec = new EdgeClusterSpec();
    if (profile != null) {
      spec.setProfileRef(new ProfileReference(profile));
    }
    cluster.setSpec(spec);
    if (upgrade != null) {
      EdgeClusterStatus status = new EdgeClusterStatus();
      status.setUpgrade(upgrade);
      cluster.setStatus(status);
    }
    return cluster;
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase, String from, String to) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setPhase(phase);
    upgrade.setFromProfile(from);
    upgrade.setToProfile(to);
    return upgrade;
  }

  @Test
  @DisplayName("A cluster runs its profileRef's profile version: named by the profile label, else the object name")
  void profileOfTheReference() {
    List<ClusterProfile> profiles = List.of(profile("retail-1-4-0", "retail", "1.4.0"),
        profile("plain", null, "2.0.0"));

    List<BundleUsage.ClusterRun> runs = BundleUsage.runs(List.of(cluster("a", "retail-1-4-0", null),
        cluster("b", "plain", null), cluster("c", "missing", null), cluster("d", null, null)), profiles);

    assertThat(runs).containsExactly(
        new BundleUsage.ClusterRun("a", Set.of(new ProfileRef("retail", "1.4.0"))),
        new BundleUsage.ClusterRun("b", Set.of(new ProfileRef("plain", "2.0.0"))),
        new BundleUsage.ClusterRun("c", Set.of()),
        new BundleUsage.ClusterRun("d", Set.of()));
  }

  @Test
  @DisplayName("While a rollout runs (or stalled, or rolled back) both its versions are in use; once complete, only "
      + "the spec's")
  void rollouts() {
    List<ClusterProfile> profiles = List.of(profile("r14", "retail", "1.4.0"), profile("r15", "retail", "1.5.0"));
    for (UpgradeStatus.Phase phase : UpgradeStatus.Phase.values()) {
      List<BundleUsage.ClusterRun> runs = BundleUsage.runs(List.of(cluster("a", "r15", upgrade(phase, "r14", "r15"))),
          profiles);
      Set<ProfileRef> expected = phase == UpgradeStatus.Phase.Complete ? Set.of(new ProfileRef("retail", "1.5.0"))
          : Set.of(new ProfileRef("retail", "1.4.0"), new ProfileRef("retail", "1.5.0"));
      assertThat(runs.get(0).profiles()).as(phase.name()).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("A bundle is used by every cluster running a profile version it covers; the others by none")
  void usedBy() {
    BundleRecord v14 = bundle("sha256:14", new ProfileRef("retail", "1.4.0"));
    BundleRecord both = bundle("sha256:both", new ProfileRef("retail", "1.5.0"), new ProfileRef("kiosk", "1.0.0"));
    BundleRecord unused = bundle("sha256:unused", new ProfileRef("retail", "1.6.0"));
    List<BundleUsage.ClusterRun> runs = List.of(
        new BundleUsage.ClusterRun("z", Set.of(new ProfileRef("retail", "1.4.0"))),
        new BundleUsage.ClusterRun("a", Set.of(new ProfileRef("retail", "1.4.0"), new ProfileRef("retail", "1.5.0"))),
        new BundleUsage.ClusterRun("k", Set.of(new ProfileRef("kiosk", "1.0.0"))),
        new BundleUsage.ClusterRun("other", Set.of(new ProfileRef("retailx", "1.4.0"))));

    Map<String, List<String>> users = BundleUsage.usedBy(List.of(v14, both, unused), runs);

    assertThat(users).containsExactly(Map.entry("sha256:14", List.of("a", "z")),
        Map.entry("sha256:both", List.of("a", "k")), Map.entry("sha256:unused", List.of()));
    assertThat(BundleUsage.inUse(List.of(v14, both, unused), runs)).containsExactly("sha256:14", "sha256:both");
  }
}
