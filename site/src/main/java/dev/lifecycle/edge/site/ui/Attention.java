package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.links.SiteHosts;
import java.util.ArrayList;
import java.util.List;

/**
 * What needs a person on the overview, most pressing first, one sentence each: clusters that failed, stalled, are
 * degraded or paused; hosts that failed, went unreachable or are being reset; hosts linked and waiting for a cluster;
 * the latest warnings. Pure.
 */
public final class Attention {

  /** How many warnings the overview names at most (the rest are on the cluster and host pages). */
  static final int MAX_WARNINGS = 5;

  private Attention() {
  }

  public static List<String> of(List<ClusterProgress> clusters, List<SiteHosts.Host> hosts,
      List<SiteHosts.SiteEvent> events) {
    List<String> needs = new ArrayList<>();
    for (ClusterProgress cluster : clusters) {
      if ("Failed".equals(cluster.phase()) || "Degraded".equals(cluster.phase())
          || "Stalled".equals(cluster.rollout())) {
        needs.add("Cluster " + cluster.name() + " is " + ("Stalled".equals(cluster.rollout()) ? "stalled"
            : cluster.phase().toLowerCase(java.util.Locale.ROOT)) + ": " + cluster.summary());
      } else if (cluster.paused() && cluster.rollout() != null && !"Complete".equals(cluster.rollout())) {
        needs.add("Cluster " + cluster.name() + "'s update is paused: resume it to go on");
      }
    }
    for (SiteHosts.Host host : hosts) {
      if ("Failed".equals(host.phase())) {
        needs.add("Host " + host.name() + " reported a failure" + (host.cluster() == null ? ""
            : " (cluster " + host.cluster() + ")"));
      } else if ("Unreachable".equals(host.phase())) {
        needs.add("Host " + host.name() + " has not been heard from" + (host.lastSeen() == null ? ""
            : " since " + host.lastSeen()) + ": check its power and network");
      }
      if (host.resetRequested() != null) {
        needs.add("Host " + host.name() + " is being reset (" + host.resetRequested() + ")");
      }
    }
    long waiting = hosts.stream().filter(h -> "Available".equals(h.phase())).count();
    if (waiting > 0) {
      needs.add(waiting == 1 ? "1 host is linked and in no cluster yet"
          : waiting + " hosts are linked and in no cluster yet");
    }
    events.stream().filter(e -> "Warning".equals(e.type())).limit(MAX_WARNINGS)
        .forEach(e -> needs.add("Warning" + (e.object() == null ? "" : " on " + e.object()) + ": "
            + (e.message() == null ? e.reason() : e.message())));
    return List.copyOf(needs);
  }
}
