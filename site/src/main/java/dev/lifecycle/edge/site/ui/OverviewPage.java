package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.SiteIdentity;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.links.SiteHosts;
import io.vertx.ext.web.RoutingContext;

/**
 * The overview ({@code /}): the site, its clusters, its hosts by phase and what needs attention, read from the same
 * services as the site API ({@link ClusterControl}, {@link SiteHosts}); its live part is re-read every 2 s by htmx
 * from {@value #LIVE}.
 */
final class OverviewPage {

  static final String LIVE = "/ui/fragments/overview";
  /** How many of the latest Events are searched for warnings. */
  static final int EVENTS = 50;

  private final SiteIdentity identity;
  private final ClusterControl clusters;
  private final SiteHosts hosts;
  private final Pages pages;

  OverviewPage(SiteIdentity identity, ClusterControl clusters, SiteHosts hosts, Pages pages) {
    this.identity = identity;
    this.clusters = clusters;
    this.hosts = hosts;
    this.pages = pages;
  }

  void mount(UiRouter ui) {
    ui.page(Nav.OVERVIEW.path(), ctx -> pages.send(ctx, 200, "overview.jte", view(ctx)));
    ui.page(LIVE, ctx -> pages.send(ctx, 200, "overviewLive.jte", read()));
  }

  private OverviewView view(RoutingContext ctx) {
    return new OverviewView(pages.chrome(ctx, Nav.OVERVIEW), read());
  }

  private SiteOverview read() {
    return SiteOverview.of(identity.siteName(), identity.url().toString(), identity.fingerprint(), clusters.list(),
        hosts.hosts(), hosts.events(EVENTS));
  }
}
