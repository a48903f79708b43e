package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.links.SiteHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's facts: the site, its clusters' progress, its hosts counted by phase (in the lifecycle's order), and
 * what needs attention ({@link Attention}).
 */
public record SiteOverview(String siteName, String url, String fingerprint, List<ClusterProgress> clusters,
    int hostCount, List<PhaseCount> hostsByPhase, List<String> attention) {

  /** Phases in the order a host goes through them; an unreported host counts as Pending. */
  static final List<String> PHASES = List.of("Pending", "Available", "Provisioning", "Running", "Upgrading",
      "Failed", "Unreachable");

  /** How many hosts are in a phase. */
  public record PhaseCount(String phase, int count) {
  }

  public static SiteOverview of(String siteName, String url, String fingerprint, List<ClusterProgress> clusters,
      List<SiteHosts.Host> hosts, List<SiteHosts.SiteEvent> events) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (SiteHosts.Host host : hosts) {
      counts.merge(host.phase() == null ? "Pending" : host.phase(), 1, Integer::sum);
    }
    List<PhaseCount> byPhase = new ArrayList<>();
    for (String phase : PHASES) {
      if (counts.containsKey(phase)) {
        byPhase.add(new PhaseCount(phase, counts.remove(phase)));
      }
    }
    counts.forEach((phase, count) -> byPhase.add(new PhaseCount(phase, count)));
    return new SiteOverview(siteName, url, fingerprint, clusters, hosts.size(), List.copyOf(byPhase),
        Attention.of(clusters, hosts, events));
  }

  /** The CSS class of a phase's state: ok, warn or bad. */
  public static String stateClass(String phase) {
    if (phase == null) {
      return "state-warn";
    }
    return switch (phase) {
      case "Running", "Available" -> "state-ok";
      case "Failed", "Unreachable", "Degraded" -> "state-bad";
      default -> "state-warn";
    };
  }
}
