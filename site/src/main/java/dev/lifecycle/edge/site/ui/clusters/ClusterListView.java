package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;

/** The clusters page. */
public record ClusterListView(Chrome chrome, List<ClusterProgress> clusters) {
}
