package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import java.util.Map;
import java.util.Set;

/**
 * A linked host as the cluster planner sees it, in plain values.
 *
 * @param name the EdgeHost's name
 * @param phase its phase as its status says (null before the operator judged it)
 * @param cluster the cluster that claimed it, or null
 * @param reservedFor a cluster of the site that was given this host and exists, or null
 * @param replaceRequested whether it waits for a hardware swap ({@link Remediation#REPLACE_ANNOTATION})
 */
public record HostCandidate(String name, EdgeHostStatus.Phase phase, String cluster, String reservedFor,
    boolean replaceRequested) {

  /** @param clusters the names of the EdgeClusters of the namespace */
  public static HostCandidate of(EdgeHost host, Set<String> clusters) {
    Map<String, String> labels = host.getMetadata().getLabels() == null ? Map.of() : host.getMetadata().getLabels();
    Map<String, String> annotations = host.getMetadata().getAnnotations() == null ? Map.of()
        : host.getMetadata().getAnnotations();
    EdgeHostStatus status = host.getStatus();
    String label = labels.get(SiteLabels.CLUSTER);
    return new HostCandidate(host.getMetadata().getName(), status == null ? null : status.getPhase(),
        status == null || status.getCluster() == null ? null : status.getCluster().getName(),
        label != null && clusters.contains(label) ? label : null,
        annotations.containsKey(Remediation.REPLACE_ANNOTATION));
  }

  /** Why a cluster cannot be given this host now, or null when it can (it is Available and nobody's). */
  public String unavailableBecause() {
    if (cluster != null) {
      return "host " + name + " is in cluster " + cluster;
    }
    if (reservedFor != null) {
      return "host " + name + " was given to cluster " + reservedFor;
    }
    if (replaceRequested) {
      return "host " + name + " waits for a hardware swap (annotation " + Remediation.REPLACE_ANNOTATION
          + "); remove the annotation once it is swapped";
    }
    if (phase != EdgeHostStatus.Phase.Available) {
      return "host " + name + " is " + (phase == null ? "not judged yet (no phase)" : switch (phase) {
        case Pending -> "Pending: it was never seen; link it first";
        case Unreachable -> "Unreachable: its agent has not reported lately";
        case Failed -> "Failed: its agent reported a failure";
        default -> phase + ", not Available";
      });
    }
    return null;
  }
}
