package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the demo's EdgeCluster, and says what its status says when a stage fails. */
final class ClusterReader {

  private ClusterReader() {
  }

  static EdgeCluster read(KubernetesClient client, String namespace, String name) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
  }

  /** The cluster's phase, version, Ready and Stalled conditions, hosts and rollout, a line each. */
  static List<String> describe(EdgeCluster cluster, String name) {
    List<String> lines = new ArrayList<>();
    if (cluster == null) {
      lines.add("EdgeCluster " + name + " does not exist");
      return lines;
    }
    EdgeClusterStatus status = cluster.getStatus();
    if (status == null) {
      lines.add("EdgeCluster " + name + " has no status: the operator has not reconciled it");
      return lines;
    }
    lines.add("EdgeCluster " + name + ": phase " + status.getPhase() + ", profile version "
        + (status.getProfileVersion() == null ? "(none yet)" : status.getProfileVersion()) + ", control plane "
        + status.getControlPlaneReady() + ", workers " + status.getWorkersReady());
    lines.addAll(ConditionLines.of(status, ConditionTypes.READY, ConditionTypes.STALLED));
    if (!status.getHosts().isEmpty()) {
      lines.add("hosts: " + status.getHosts().stream().map(ClusterReader::host).collect(Collectors.joining(", ")));
    }
    UpgradeStatus upgrade = status.getUpgrade();
    if (upgrade != null) {
      lines.add("upgrade " + upgrade.getFrom() + " -> " + upgrade.getTo() + ": " + upgrade.getPhase() + ", updated "
          + upgrade.getUpdated() + "/" + upgrade.getTotal()
          + (upgrade.getFailedHost() == null ? "" : ", failed host " + upgrade.getFailedHost() + ": "
          + upgrade.getFailure()));
    }
    return lines;
  }

  private static String host(ClusterHost host) {
    return host.getName() + " (" + host.getRole() + ", " + host.getState()
        + (host.getProfileVersion() == null ? "" : ", " + host.getProfileVersion()) + ")";
  }
}
