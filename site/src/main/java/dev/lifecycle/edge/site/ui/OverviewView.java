package dev.lifecycle.edge.site.ui;

/** The overview page. */
public record OverviewView(Chrome chrome, SiteOverview overview) {
}
