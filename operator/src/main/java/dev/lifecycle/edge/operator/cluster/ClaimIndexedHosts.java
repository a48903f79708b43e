package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;

/**
 * The cluster reconciler's host informer, keeping a {@link HostClaimIndex} of what it caches: every event files
 * the host before it is passed on (so the clusters it wakes read an index that has it), and once the informer has
 * listed every host at start, everything it cached is filed, before any cluster reconciles. It keeps the
 * {@link HostViewCache} of the hosts it caches, and forgets a deleted host's view.
 */
final class ClaimIndexedHosts extends InformerEventSource<EdgeHost, EdgeCluster> {

  private final HostClaimIndex index;
  private final HostViewCache views;

  private ClaimIndexedHosts(InformerEventSourceConfiguration<EdgeHost> configuration,
      EventSourceContext<EdgeCluster> context, HostClaimIndex index, HostViewCache views) {
    super(configuration, context);
    this.index = index;
    this.views = views;
  }

  /**
   * The hosts informer, each host event mapped to clusters by {@code clustersOf}. A cluster's hosts are the ones
   * it claimed, from the index: without that mapping, java-operator-sdk keeps its own index of every cluster a host
   * event was ever mapped to, which it only adds to (an unclaimed host stayed filed under every cluster that
   * wanted hosts when it registered: hosts x clusters of a namespace, 1.75 M entries at 10,000 hosts).
   */
  static ClaimIndexedHosts create(SecondaryToPrimaryMapper<EdgeHost> clustersOf,
      EventSourceContext<EdgeCluster> context, HostViewCache views) {
    HostClaimIndex index = new HostClaimIndex();
    PrimaryToSecondaryMapper<EdgeCluster> hostsOf = cluster -> index.owned(cluster.getMetadata().getNamespace(),
        cluster.getMetadata().getName());
    return new ClaimIndexedHosts(InformerEventSourceConfiguration.from(EdgeHost.class, EdgeCluster.class)
        .withSecondaryToPrimaryMapper(clustersOf)
        .withPrimaryToSecondaryMapper(hostsOf)
        .build(), context, index, views);
  }

  HostClaimIndex index() {
    return index;
  }

  /** The host's view at {@code now}, made once per version of the host. */
  HostView view(EdgeHost host, Instant now) {
    return views.view(host, now);
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
    views.forget(host);
    super.onDelete(host, finalStateUnknown);
  }

  @Override
  public synchronized void start() {
    super.start();
    list(host -> true).forEach(index::put);
  }
}
