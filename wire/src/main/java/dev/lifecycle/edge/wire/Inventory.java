package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Hardware and operating system of a host, in the shape of {@code EdgeHost.status.inventory}.
 *
 * @param arch CPU architecture: amd64, arm64
 * @param cpuCores logical CPUs
 * @param memoryBytes installed memory
 * @param os operating system, such as Ubuntu 22.04
 * @param disks block devices
 * @param nics network interfaces
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Inventory(String arch, Integer cpuCores, Long memoryBytes, String os, List<Disk> disks,
    List<Nic> nics) {

  public Inventory {
    disks = Copies.list(disks);
    nics = Copies.list(nics);
  }

  /**
   * A block device.
   *
   * @param name device name, such as nvme0n1
   * @param sizeBytes capacity
   * @param rotational whether it is a spinning disk rather than solid state; unset when unknown
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Disk(String name, Long sizeBytes, Boolean rotational) {
  }

  /**
   * A network interface.
   *
   * @param name interface name, such as eth0
   * @param mac hardware address
   * @param addresses addresses with prefix length, such as 192.168.42.10/24
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Nic(String name, String mac, List<String> addresses) {

    public Nic {
      addresses = Copies.list(addresses);
    }
  }
}
