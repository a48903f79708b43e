package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.HostInventory.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ControlPlaneAddressTest {

  @Test
  @DisplayName("When the cluster has a virtual IP, then it is the endpoint, whatever the host reported")
  void virtualIpWins() {
    assertThat(ControlPlaneAddress.endpoint("192.168.42.100", "10.0.0.5")).hasValue("192.168.42.100");
    assertThat(ControlPlaneAddress.endpoint(null, "10.0.0.5")).hasValue("10.0.0.5");
    assertThat(ControlPlaneAddress.endpoint(" ", null)).isEmpty();
  }

  @Test
  @DisplayName("When a host reports interfaces, then its address is the first IPv4 address of the first interface "
      + "that has a usable one, without prefix length")
  void firstUsableIpv4() {
    HostInventory inventory = inventory(
        nic("eno1", "fe80::1/64"),
        nic("eno2", "169.254.10.3/16", "fd00::5/64", "192.168.42.11/24", "192.168.42.12/24"),
        nic("eth0", "10.0.0.7/8"));

    assertThat(ControlPlaneAddress.of(inventory)).hasValue("192.168.42.11");
  }

  @Test
  @DisplayName("When a host reports only loopback, link-local, IPv6 or malformed addresses, or nothing, then it "
      + "has no address")
  void nothingUsable() {
    assertThat(ControlPlaneAddress.of(null)).isEmpty();
    assertThat(ControlPlaneAddress.of(new HostInventory())).isEmpty();
    assertThat(ControlPlaneAddress.of(inventory(nic("lo", "127.0.0.1/8"), nic("eth0", "fe80::2/64",
        "169.254.1.1/16", "0.0.0.0/0", "300.1.1.1/24", "lab-host-1")))).isEmpty();
  }

  @Test
  @DisplayName("When an address is reported without prefix length, then it is used as it is")
  void withoutPrefix() {
    assertThat(ControlPlaneAddress.of(inventory(nic("eth0", "10.20.30.40")))).hasValue("10.20.30.40");
  }

  private static HostInventory inventory(NetworkInterface... nics) {
    HostInventory inventory = new HostInventory();
    inventory.setNics(List.of(nics));
    return inventory;
  }

  private static NetworkInterface nic(String name, String... addresses) {
    NetworkInterface nic = new NetworkInterface(name, null);
    nic.setAddresses(List.of(addresses));
    return nic;
  }
}
