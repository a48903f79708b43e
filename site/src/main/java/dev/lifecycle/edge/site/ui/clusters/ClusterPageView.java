package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;

/**
 * A cluster's page (and its live part, {@code chrome} null there).
 *
 * @param hosts the cluster's hosts
 * @param events the latest Events about the cluster and its hosts, newest first
 */
public record ClusterPageView(Chrome chrome, ClusterProgress cluster, List<SiteHosts.Host> hosts,
    List<SiteHosts.SiteEvent> events) {

  public String live() {
    return ClusterPages.LIVE + cluster.name();
  }

  /** What the progress bar measures, in words. */
  public String progressLabel() {
    String what = cluster.targetVersion() != null && cluster.version() != null ? "moved to " + cluster.targetVersion()
        : "running";
    return cluster.hostsDone() + " of " + cluster.hostsTotal() + " hosts " + what;
  }

  /** An Event in a sentence. */
  public static String words(SiteHosts.SiteEvent event) {
    return (event.object() == null ? "" : event.object() + ": ") + (event.message() == null ? event.reason()
        : event.message()) + (event.count() > 1 ? " (" + event.count() + " times)" : "");
  }

  public static boolean warning(SiteHosts.SiteEvent event) {
    return "Warning".equals(event.type());
  }
}
