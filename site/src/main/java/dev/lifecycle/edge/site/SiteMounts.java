package dev.lifecycle.edge.site;

import dev.lifecycle.edge.site.server.SiteRoutes;
import java.util.List;

/**
 * The parts served on the site's port beside the gateway and health: made once the site controller knows its
 * identity and store, mounted before it reports ready.
 */
@FunctionalInterface
public interface SiteMounts {

  List<SiteRoutes> routes(SiteContext site);

  /** No part: the port serves the gateway, health and metrics, and a JSON 404 elsewhere. */
  SiteMounts NONE = site -> List.of();

  /**
   * What {@code edge-operator.jar site} serves: the site registry ({@code /v2/}) and the site API
   * ({@code /api/site/v1}: sessions, audit, links, hosts, events, bundles, definitions, clusters); see
   * {@link SiteParts}. The Local UI ({@code /}) joins here when it is built.
   */
  SiteMounts DEFAULT = site -> List.of(SiteParts.open(site));
}
