package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import java.util.Map;

/**
 * Skips the creation event of an EdgeHost the gateway is registering: the gateway creates it and
 * writes its registration a moment later, and a reconcile in between would only judge the host
 * Pending, write that, and collide with the gateway's write. The registration's own event follows.
 */
public final class RegistrationInFlight implements OnAddFilter<EdgeHost> {

  /** Put by the gateway on the EdgeHosts it creates. */
  public static final String CREATED_BY_LABEL = ApiGroup.GROUP + "/created-by";
  public static final String GATEWAY = "gateway";

  @Override
  public boolean accept(EdgeHost host) {
    Map<String, String> labels = host.getMetadata().getLabels();
    boolean byGateway = labels != null && GATEWAY.equals(labels.get(CREATED_BY_LABEL));
    return !(byGateway && host.getStatus() == null);
  }
}
