package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import java.util.Objects;

/**
 * Whether an unclaimed host can matter to a cluster, judged from the cluster's own status: a cluster that runs,
 * Ready and not Reconciling, with every host its spec wants, none unhealthy and no replacement under way, on its
 * current generation, claims nothing, so a host registering (or changing while unclaimed) need not wake it. With
 * a fleet of formed clusters, waking each one for every unclaimed host of its namespace was hosts x clusters of
 * work. Anything else (not formed, scaling, degraded, remediating, a spec not yet seen, a status lagging its own
 * claims) may want hosts, and is woken.
 */
public final class ClaimWants {

  private ClaimWants() {
  }

  public static boolean mayClaim(EdgeCluster cluster) {
    EdgeClusterStatus status = cluster.getStatus();
    if (status == null || status.getPhase() != EdgeClusterStatus.Phase.Running) {
      return true;
    }
    if (!Objects.equals(status.getObservedGeneration(), cluster.getMetadata().getGeneration())) {
      return true;
    }
    if (!holds(status, ConditionTypes.READY, ConditionStatus.True)
        || holds(status, ConditionTypes.RECONCILING, ConditionStatus.True)) {
      return true;
    }
    int wanted = ClusterSpecs.controlPlaneCount(cluster.getSpec()) + ClusterSpecs.workerCount(cluster.getSpec());
    if (status.getHosts() == null || status.getHosts().size() < wanted) {
      return true;
    }
    return status.getHosts().stream().anyMatch(h -> h.getUnhealthySince() != null || h.getReplaces() != null)
        || (status.getReplacements() != null
            && status.getReplacements().stream().anyMatch(r -> r.getFinishedAt() == null));
  }

  private static boolean holds(EdgeClusterStatus status, String type, ConditionStatus value) {
    return status.condition(type).map(c -> c.getStatus() == value).orElse(false);
  }
}
