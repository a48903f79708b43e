package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.clusters.ClusterCreation;
import dev.lifecycle.edge.site.clusters.ClusterUpdates;
import dev.lifecycle.edge.site.clusters.SiteDefinitions;
import dev.lifecycle.edge.site.links.SiteHosts;

/**
 * The services the cluster pages call, the same the site API's cluster routes call.
 *
 * @param beforeUpdate run before an update is applied (the site's mirror brought up to date), as the site API does
 */
public record ClusterServices(SiteDefinitions definitions, ClusterCreation creation, ClusterUpdates updates,
    ClusterControl control, SiteHosts hosts, Runnable beforeUpdate) {
}
