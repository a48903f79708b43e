package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fleet's shape: namespaces (projects) of {@code hostsPerNamespace} hosts each, the last one holding the
 * rest, and in each one cluster of 5 (1 control plane, 4 workers, no host selector: any host of the namespace
 * will do) per 5 hosts, two versions of one profile, and a registration token.
 */
record FleetLayout(int hosts, int hostsPerNamespace) {

  static final int CONTROL_PLANE = 1;
  static final int WORKERS = 4;
  static final int CLUSTER_SIZE = CONTROL_PLANE + WORKERS;
  static final String FROM = "1.0.0";
  static final String TO = "1.1.0";

  FleetLayout {
    if (hosts < CLUSTER_SIZE || hosts % CLUSTER_SIZE != 0) {
      throw new IllegalArgumentException("hosts must be a positive multiple of " + CLUSTER_SIZE + " (clusters of "
          + CLUSTER_SIZE + "), got " + hosts);
    }
    if (hostsPerNamespace < CLUSTER_SIZE || hostsPerNamespace % CLUSTER_SIZE != 0) {
      throw new IllegalArgumentException("--hosts-per-namespace must be a positive multiple of " + CLUSTER_SIZE
          + ", got " + hostsPerNamespace);
    }
  }

  int clusters() {
    return hosts / CLUSTER_SIZE;
  }

  /** The namespaces, each with its number of hosts. */
  List<Project> projects() {
    List<Project> projects = new ArrayList<>();
    for (int first = 0, index = 0; first < hosts; first += hostsPerNamespace, index++) {
      projects.add(new Project(String.format(Locale.ROOT, "fleet-%03d", index), Math.min(hostsPerNamespace,
          hosts - first)));
    }
    return projects;
  }

  record Project(String namespace, int hosts) {

    int clusters() {
      return hosts / CLUSTER_SIZE;
    }

    List<String> clusterNames() {
      List<String> names = new ArrayList<>();
      for (int c = 0; c < clusters(); c++) {
        names.add(String.format(Locale.ROOT, "site-%04d", c));
      }
      return names;
    }
  }

  static String profileName(String version) {
    return "edge-" + version;
  }

  /** Three layers; the versions differ in Kubernetes only, so an upgrade replans every host. */
  static ClusterProfile profile(String namespace, String version) {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setImage("registry.example.com/edge/os:1.4.0");
    String kubernetes = FROM.equals(version) ? "1.30.0" : "1.31.0";
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, kubernetes);
    k3s.setImage("registry.example.com/edge/k3s:v" + kubernetes);
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(profileName(version)).withNamespace(namespace).build());
    profile.setSpec(new ClusterProfileSpec(version, new ArrayList<>(List.of(os, k3s, cni))));
    return profile;
  }

  /** A cluster of 1 control-plane host and 4 workers on the first version, with the default upgrade strategy. */
  static EdgeCluster cluster(String namespace, String name) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(profileName(FROM)));
    spec.setControlPlane(new ControlPlaneSpec(CONTROL_PLANE));
    spec.setWorkers(new WorkersSpec(WORKERS));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.setSpec(spec);
    return cluster;
  }
}
