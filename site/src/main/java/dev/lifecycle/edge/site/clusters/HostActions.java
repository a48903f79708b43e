package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction;

/** What each host action of the operator's rule ({@code UpgradeImpact}) means for the people at a site. */
final class HostActions {

  private HostActions() {
  }

  static String meaning(HostAction action) {
    return switch (action) {
      case Reboot -> "each host installs the new operating system and restarts: its workloads stop while it "
          + "reboots; hosts go one batch at a time, control plane first, each batch once the one before is healthy";
      case RestartServices -> "Kubernetes, network or storage services restart on each host, one batch at a time: "
          + "workloads keep running, but a host's node is briefly not ready";
      case None -> "applied inside the running cluster: no host is touched";
    };
  }
}
