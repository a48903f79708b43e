package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The cluster reconciler's host informer, keeping a {@link HostClaimIndex} of what it caches: every event files
 * the host before it is passed on (so the clusters it wakes read an index that has it), and once the informer has
 * listed every host at start, everything it cached is filed, before any cluster reconciles.
 */
final class ClaimIndexedHosts extends InformerEventSource<EdgeHost, EdgeCluster> {

  private final HostClaimIndex index = new HostClaimIndex();

  ClaimIndexedHosts(InformerEventSourceConfiguration<EdgeHost> configuration,
      EventSourceContext<EdgeCluster> context) {
    super(configuration, context);
  }

  HostClaimIndex index() {
    return index;
  }

  @Override
  public void onAdd(EdgeHost host) {
    index.put(host);
    super.onAdd(host);
  }

  @Override
  public void onUpdate(EdgeHost previous, EdgeHost host) {
    index.put(host);
    super.onUpdate(previous, host);
  }

  @Override
  public void onDelete(EdgeHost host, boolean finalStateUnknown) {
    index.remove(host);
    super.onDelete(host, finalStateUnknown);
  }

  @Override
  public synchronized void start() {
    super.start();
    list(host -> true).forEach(index::put);
  }
}
