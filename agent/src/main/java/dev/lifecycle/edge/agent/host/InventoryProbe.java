package dev.lifecycle.edge.agent.host;

import dev.lifecycle.edge.wire.Inventory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the agent finds out about a real (Linux) host: architecture, CPUs, memory, operating system
 * ({@code /etc/os-release}), block devices ({@code /sys/block}) and network interfaces. Whatever
 * cannot be read is left out rather than guessed.
 */
public final class InventoryProbe {

  private static final long SECTOR = 512;

  private InventoryProbe() {
  }

  /** The inventory of the host the agent runs on. */
  public static Inventory probe() {
    return new Inventory(arch(System.getProperty("os.arch")), Runtime.getRuntime().availableProcessors(),
        memoryBytes(), os(Path.of("/etc/os-release")).orElse(null), disks(Path.of("/sys/block")), nics());
  }

  /** The architecture in Kubernetes' spelling: amd64, arm64, or the JVM's own name. */
  static String arch(String jvmArch) {
    return switch (jvmArch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> jvmArch;
    };
  }

  /** PRETTY_NAME of an os-release file. */
  static Optional<String> os(Path osRelease) {
    try (Stream<String> lines = Files.lines(osRelease)) {
      return lines.filter(line -> line.startsWith("PRETTY_NAME="))
          .map(line -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The disks under a {@code /sys/block}-like directory, without loop, RAM and device-mapper devices. */
  static List<Inventory.Disk> disks(Path sysBlock) {
    List<Inventory.Disk> disks = new ArrayList<>();
    try (Stream<Path> devices = Files.list(sysBlock)) {
      for (Path device : devices.sorted().toList()) {
        String name = device.getFileName().toString();
        if (name.startsWith("loop") || name.startsWith("ram") || name.startsWith("dm-") || name.startsWith("zram")) {
          continue;
        }
        try {
          long sectors = Long.parseLong(Files.readString(device.resolve("size")).strip());
          disks.add(new Inventory.Disk(name, sectors * SECTOR, null));
        } catch (IOException | NumberFormatException unreadable) {
          disks.add(new Inventory.Disk(name, null, null));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return disks;
  }

  private static Long memoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return null;
  }

  private static List<Inventory.Nic> nics() {
    List<Inventory.Nic> nics = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isLoopback() || nic.isVirtual()) {
          continue;
        }
        byte[] mac = nic.getHardwareAddress();
        List<String> addresses = nic.getInterfaceAddresses().stream()
            .map(InventoryProbe::address)
            .toList();
        nics.add(new Inventory.Nic(nic.getName(), mac == null ? null : HexFormat.ofDelimiter(":").formatHex(mac),
            addresses));
      }
    } catch (SocketException e) {
      return List.of();
    }
    nics.sort((a, b) -> a.name().compareTo(b.name()));
    return nics;
  }

  private static String address(InterfaceAddress address) {
    String host = address.getAddress().getHostAddress();
    int zone = host.indexOf('%');
    return (zone < 0 ? host : host.substring(0, zone)) + "/" + address.getNetworkPrefixLength();
  }
}
