package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.SiteIdentity;
import dev.lifecycle.edge.site.api.content.ContentRoutes;
import dev.lifecycle.edge.site.api.content.DefinitionRoutes;
import dev.lifecycle.edge.site.audit.AuditLog;
import dev.lifecycle.edge.site.audit.AuditTrail;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.server.SiteRoutes;
import dev.lifecycle.edge.site.ui.content.ContentPage;
import dev.lifecycle.edge.site.ui.hosts.HostsPage;
import dev.lifecycle.edge.site.ui.clusters.ClusterPages;
import dev.lifecycle.edge.site.ui.clusters.ClusterServices;
import io.vertx.ext.web.Router;
import java.util.Optional;

/**
 * The Local UI, mounted at {@code /} on the site's port beside the site API, over the same services, session
 * cookie, CSRF token and audit log: its static files under {@value UiAssets#PREFIX}, then each page group through
 * one {@link UiRouter}. Paths it does not serve keep the site port's JSON 404.
 */
public final class UiRoutes implements SiteRoutes {

  private final SiteIdentity identity;
  private final AuthService auth;
  private final AuditLog audit;
  private final SiteHosts hosts;
  private final ClusterControl clusters;
  private final ClusterServices clusterServices;
  private final UiAssets assets;
  private Optional<ContentRoutes> bundles = Optional.empty();
  private DefinitionRoutes definitions;
  private LinkTokens links;

  public UiRoutes(SiteIdentity identity, AuthService auth, AuditLog audit, SiteHosts hosts, ClusterControl clusters,
      ClusterServices clusterServices) {
    this.identity = identity;
    this.auth = auth;
    this.audit = audit;
    this.hosts = hosts;
    this.clusters = clusters;
    this.clusterServices = clusterServices;
    this.assets = UiAssets.load();
  }

  /**
   * The content page's services: the site API's bundle routes (none when the site trusts no key) and definition
   * routes, whose listing, upload and delete the page calls.
   */
  public UiRoutes withContent(Optional<ContentRoutes> bundles, DefinitionRoutes definitions) {
    this.bundles = bundles;
    this.definitions = definitions;
    return this;
  }

  /** The hosts page's link tokens (the same service as {@code POST /api/site/v1/links}). */
  public UiRoutes withLinks(LinkTokens links) {
    this.links = links;
    return this;
  }

  @Override
  public void mount(Router router) {
    router.get(UiAssets.PREFIX + "*").handler(SecurityHeaders.INSTANCE).handler(assets::serve);
    Pages pages = new Pages(identity.siteName(), assets);
    UiSession session = new UiSession(auth);
    UiRouter ui = new UiRouter(router, session, new AuditTrail(audit), pages);
    new LoginPages(auth, session, pages).mount(ui);
    new OverviewPage(identity, clusters, hosts, pages).mount(ui);
    new AuditPage(audit, pages).mount(ui);
    if (definitions != null) {
      new ContentPage(bundles, definitions, pages).mount(ui);
    }
    if (links != null) {
      new HostsPage(hosts, links, pages).mount(ui);
    }
    new ClusterPages(clusterServices, pages).mount(ui);
  }
}
