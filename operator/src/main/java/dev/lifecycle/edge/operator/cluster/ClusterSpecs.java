package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;

/** An EdgeCluster spec with the CRD's defaults applied, for an API that applies none (the embedded one). */
final class ClusterSpecs {

  private ClusterSpecs() {
  }

  static int controlPlaneCount(EdgeClusterSpec spec) {
    return spec == null || spec.getControlPlane() == null || spec.getControlPlane().getCount() == null ? 1
        : spec.getControlPlane().getCount();
  }

  static int workerCount(EdgeClusterSpec spec) {
    return spec == null || spec.getWorkers() == null || spec.getWorkers().getCount() == null ? 0
        : spec.getWorkers().getCount();
  }

  static HostSelector controlPlaneSelector(EdgeClusterSpec spec) {
    return spec == null || spec.getControlPlane() == null ? null : spec.getControlPlane().getHostSelector();
  }

  static HostSelector workerSelector(EdgeClusterSpec spec) {
    return spec == null || spec.getWorkers() == null ? null : spec.getWorkers().getHostSelector();
  }

  static String controlPlaneEndpoint(EdgeClusterSpec spec) {
    return spec == null || spec.getNetwork() == null ? null : spec.getNetwork().getControlPlaneEndpoint();
  }
}
