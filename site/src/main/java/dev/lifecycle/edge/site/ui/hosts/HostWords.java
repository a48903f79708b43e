package dev.lifecycle.edge.site.ui.hosts;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.site.ui.content.SizeWords;
import java.util.ArrayList;
import java.util.List;

/** A host's phase and role in a site operator's words (the overview's words for the same phases). Pure. */
public final class HostWords {

  private HostWords() {
  }

  /** "Available: linked, in no cluster"; a phase not known here is shown as it is. */
  public static String phase(String phase) {
    if (phase == null) {
      return "Pending: linked, not heard from yet";
    }
    return switch (phase) {
      case "Pending" -> "Pending: linked, not heard from yet";
      case "Available" -> "Available: linked, in no cluster";
      case "Provisioning" -> "Provisioning: joining a cluster";
      case "Running" -> "Running";
      case "Upgrading" -> "Upgrading: taking an update";
      case "Failed" -> "Failed: it reported a failure";
      case "Unreachable" -> "Unreachable: not heard from; check its power and network cable";
      default -> phase;
    };
  }

  /** "control plane", "worker", or "none" for a host in no cluster. */
  public static String role(String role) {
    if (role == null) {
      return "none";
    }
    return role.replace('-', ' ');
  }

  /**
   * The machine facts a host's agent reported, in one line: its addresses, architecture, cores, memory and system,
   * such as "10.0.0.21 · amd64 · 4 cores · 8.0 GB memory · linux"; "not reported yet" before its first report.
   */
  public static String facts(HostInventory inventory) {
    if (inventory == null) {
      return "not reported yet";
    }
    List<String> facts = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (HostInventory.NetworkInterface nic : inventory.getNics() == null ? List.<HostInventory.NetworkInterface>of()
        : inventory.getNics()) {
      if (nic.getAddresses() != null) {
        addresses.addAll(nic.getAddresses());
      }
    }
    if (!addresses.isEmpty()) {
      facts.add(String.join(", ", addresses));
    }
    if (inventory.getArch() != null) {
      facts.add(inventory.getArch());
    }
    if (inventory.getCpuCores() != null) {
      facts.add(inventory.getCpuCores() == 1 ? "1 core" : inventory.getCpuCores() + " cores");
    }
    if (inventory.getMemoryBytes() != null) {
      facts.add(SizeWords.of(inventory.getMemoryBytes()) + " memory");
    }
    if (inventory.getOs() != null) {
      facts.add(inventory.getOs());
    }
    return facts.isEmpty() ? "not reported yet" : String.join(" · ", facts);
  }
}
