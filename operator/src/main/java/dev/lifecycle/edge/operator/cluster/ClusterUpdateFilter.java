package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which updates of an EdgeCluster wake its reconciler: what generation-aware processing lets through (a spec
 * change, a finalizer added, deletion begun), and a change of the upgrade-now annotation, which changes no
 * generation. Status writes, the operator's own included, wake nothing.
 */
public final class ClusterUpdateFilter implements OnUpdateFilter<EdgeCluster> {

  @Override
  public boolean accept(EdgeCluster updated, EdgeCluster previous) {
    return !Objects.equals(updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || updated.isMarkedForDeletion()
        || !Objects.equals(updated.getMetadata().getFinalizers(), previous.getMetadata().getFinalizers())
        || !Objects.equals(upgradeNow(updated), upgradeNow(previous));
  }

  private static String upgradeNow(EdgeCluster cluster) {
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(UpgradeNowRecord.ANNOTATION);
  }
}
