package dev.lifecycle.edge.site.server;

import io.vertx.ext.web.Router;

/**
 * A part of the site controller that serves HTTP on its port, under its own prefix: the site API
 * ({@link SitePaths#API}), the site registry ({@link SitePaths#REGISTRY}), the Local UI ({@link SitePaths#UI}). It
 * adds its routes to the site's router, which already answers any path no part serves with a JSON 404; the
 * gateway ({@link SitePaths#GATEWAY}) and health and metrics are served beside them, and are not on this router.
 */
@FunctionalInterface
public interface SiteRoutes {

  void mount(Router router);
}
