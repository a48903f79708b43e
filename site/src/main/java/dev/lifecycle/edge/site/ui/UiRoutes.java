package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.SiteIdentity;
import dev.lifecycle.edge.site.audit.AuditLog;
import dev.lifecycle.edge.site.audit.AuditTrail;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.server.SiteRoutes;
import dev.lifecycle.edge.site.ui.clusters.ClusterPages;
import dev.lifecycle.edge.site.ui.clusters.ClusterServices;
import io.vertx.ext.web.Router;

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

  @Override
  public void mount(Router router) {
    router.get(UiAssets.PREFIX + "*").handler(SecurityHeaders.INSTANCE).handler(assets::serve);
    Pages pages = new Pages(identity.siteName(), assets);
    UiSession session = new UiSession(auth);
    UiRouter ui = new UiRouter(router, session, new AuditTrail(audit), pages);
    new LoginPages(auth, session, pages).mount(ui);
    new OverviewPage(identity, clusters, hosts, pages).mount(ui);
    new AuditPage(audit, pages).mount(ui);
    new ClusterPages(clusterServices, pages).mount(ui);
  }
}
