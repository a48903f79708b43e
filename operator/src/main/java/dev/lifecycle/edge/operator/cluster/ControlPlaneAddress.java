package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.HostInventory.NetworkInterface;
import dev.lifecycle.edge.api.v1alpha1.Validation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a cluster's plans name as its control-plane endpoint, decided from plain values: the
 * cluster's virtual IP when it has one, else the address the host that initialises the cluster reported.
 *
 * <p>A host's address is the first IPv4 address of its network interfaces in the order its agent reports
 * them (the agent sorts them by name and leaves out loopback interfaces), without its prefix length,
 * skipping loopback (127.0.0.0/8), link-local (169.254.0.0/16) and unspecified (0.0.0.0) addresses. IPv6
 * addresses are not used: the CRD's endpoint and ranges are IPv4 only.
 */
public final class ControlPlaneAddress {

  private static final Pattern IPV4 = Pattern.compile(Validation.IPV4_REGEX);

  private ControlPlaneAddress() {
  }

  /**
   * @param virtualIp the cluster's spec.network.controlPlaneEndpoint, or null
   * @param initHostAddress the initialising host's address ({@link #of(HostInventory)}), or null
   * @return the endpoint, or empty when there is no virtual IP and the host has reported no usable address
   */
  public static Optional<String> endpoint(String virtualIp, String initHostAddress) {
    if (virtualIp != null && !virtualIp.isBlank()) {
      return Optional.of(virtualIp);
    }
    return Optional.ofNullable(initHostAddress);
  }

  /** The host's address as its inventory reports it; empty when it reports none that can be used. */
  public static Optional<String> of(HostInventory inventory) {
    if (inventory == null) {
      return Optional.empty();
    }
    for (NetworkInterface nic : inventory.getNics()) {
      Optional<String> usable = firstUsable(nic.getAddresses());
      if (usable.isPresent()) {
        return usable;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstUsable(List<String> addresses) {
    return addresses.stream()
        .filter(a -> a != null)
        .map(a -> a.contains("/") ? a.substring(0, a.indexOf('/')) : a)
        .map(String::trim)
        .filter(a -> IPV4.matcher(a).matches())
        .filter(a -> !a.startsWith("127.") && !a.startsWith("169.254.") && !a.equals("0.0.0.0"))
        .findFirst();
  }
}
