package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/** Profiles and clusters built in memory for the profile package's tests. */
final class Profiles {

  private Profiles() {
  }

  static ProfileLayer layer(String name, LayerType type, String version) {
    ProfileLayer layer = new ProfileLayer(name, type, version);
    layer.setImage("registry.example.com/edge/" + name + ":" + version);
    return layer;
  }

  /** A valid profile of three layers: edge-os (os), k3s (kubernetes), cilium (cni, from a chart). */
  static ClusterProfile valid(String namespace, String name, String version) {
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withGeneration(1L).build());
    profile.setSpec(new ClusterProfileSpec(version, new ArrayList<>(List.of(
        layer("edge-os", LayerType.OS, "1.4.0"), layer("k3s", LayerType.KUBERNETES, "1.30.4"), cni))));
    return profile;
  }

  /** A cluster pinning the named profile, or none when {@code profile} is null. */
  static EdgeCluster cluster(String namespace, String name, String profile) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    if (profile != null) {
      spec.setProfileRef(new ProfileReference(profile));
    }
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.setSpec(spec);
    return cluster;
  }
}
