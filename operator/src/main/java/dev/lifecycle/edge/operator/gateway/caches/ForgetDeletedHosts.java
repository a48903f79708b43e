package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.HostLiveness;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** Keeps the memory of heartbeats (written, heard) to the hosts that exist: a deleted host is forgotten. */
public final class ForgetDeletedHosts implements ResourceEventHandler<EdgeHost> {

  private final HeartbeatCoalescer coalescer;
  private final HostLiveness liveness;

  public ForgetDeletedHosts(HeartbeatCoalescer coalescer, HostLiveness liveness) {
    this.coalescer = coalescer;
    this.liveness = liveness;
  }

  @Override
  public void onAdd(EdgeHost host) {
    // A new host has nothing to forget.
  }

  @Override
  public void onUpdate(EdgeHost previous, EdgeHost host) {
    // An update changes nothing the coalescer keeps.
  }

  @Override
  public void onDelete(EdgeHost host, boolean finalStateUnknown) {
    coalescer.forget(HostDirectory.key(host));
    liveness.forget(host);
  }
}
