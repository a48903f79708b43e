package dev.lifecycle.edge.agent.sim;

import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.wire.Inventory;
import java.util.List;
import java.util.Map;

/** The identity of simulated host {@code i}: machine id and hostname {@code <prefix>-<i>}, a plausible inventory. */
final class SimulatedHosts {

  private static final long GIB = 1L << 30;

  private SimulatedHosts() {
  }

  static HostIdentity identity(String prefix, int index, Map<String, String> labels) {
    String name = prefix + "-" + index;
    return new HostIdentity(name, name, inventory(index), null, labels);
  }

  static Inventory inventory(int index) {
    int cores = index % 4 == 0 ? 8 : 4;
    Inventory.Nic nic = new Inventory.Nic("eth0", mac(index), List.of(address(index)));
    return new Inventory("amd64", cores, cores * 2 * GIB, "Ubuntu 22.04 (simulated)",
        List.of(new Inventory.Disk("nvme0n1", 256L * 1_000_000_000L, null)), List.of(nic));
  }

  /** A locally administered MAC address holding the index in its last three bytes. */
  static String mac(int index) {
    return String.format("02:ed:00:%02x:%02x:%02x", (index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff);
  }

  private static String address(int index) {
    int host = index + 1;
    return "10." + ((host >> 16) & 0xff) + "." + ((host >> 8) & 0xff) + "." + (host & 0xff) + "/8";
  }
}
