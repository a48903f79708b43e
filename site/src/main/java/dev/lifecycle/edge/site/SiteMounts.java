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
   * What {@code edge-operator.jar site} serves: the site API ({@code /api/site/v1}), the site registry
   * ({@code /v2/}) and the Local UI ({@code /}) join here as they are built.
   */
  SiteMounts DEFAULT = NONE;
}
