package dev.lifecycle.edge.agent.loop;

import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.wire.Inventory;
import java.util.Map;
import java.util.Objects;

/**
 * Who a host says it is when it registers.
 *
 * @param machineId the machine id, as in {@code EdgeHost.spec.machineId}
 * @param hostname the host name
 * @param inventory hardware and operating system
 * @param site the site settings the host holds locally (user-data defaults and site user-data)
 * @param labels labels asked for on the host the gateway creates
 */
public record HostIdentity(String machineId, String hostname, Inventory inventory, LocalSite site,
    Map<String, String> labels) {

  public HostIdentity {
    Objects.requireNonNull(machineId, "machineId");
    site = site == null ? LocalSite.NONE : site;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
