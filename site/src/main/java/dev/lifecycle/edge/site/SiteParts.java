package dev.lifecycle.edge.site;

import dev.lifecycle.edge.site.api.ApiErrors;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.api.clusters.ClusterRoutes;
import dev.lifecycle.edge.site.api.content.ContentRoutes;
import dev.lifecycle.edge.site.api.content.DefinitionRoutes;
import dev.lifecycle.edge.site.api.content.SiteClusterRuns;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.clusters.ClusterCreation;
import dev.lifecycle.edge.site.clusters.ClusterUpdates;
import dev.lifecycle.edge.site.clusters.SiteDefinitions;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.mirror.SiteMirror;
import dev.lifecycle.edge.site.registry.SiteRegistryRoutes;
import dev.lifecycle.edge.site.server.SiteErrors;
import dev.lifecycle.edge.site.server.SiteRoutes;
import dev.lifecycle.edge.site.ui.UiRoutes;
import dev.lifecycle.edge.site.ui.clusters.ClusterServices;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code edge-operator.jar site} serves beside the gateway ({@link SiteMounts#DEFAULT}): the site registry
 * under {@code /v2/} (mounted first, before any catch-all), the site API under {@code /api/site/v1} with, behind its
 * gate and audit trail, the content bundles, the cluster definitions and the clusters, and the Local UI at {@code /}
 * over the same services. The content store and the
 * definitions need the site's trusted keys: without {@code --trust-key} the site keeps neither (uploads are refused
 * saying so) and serves no registry. At its start, the site's ImageRegistry ({@link SiteMirror}) is brought up to
 * date; clusters created through the site API name it.
 */
final class SiteParts implements SiteRoutes, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SiteParts.class);
  /** How often content no cluster needs is collected. */
  static final Duration GC_PERIOD = Duration.ofHours(1);

  private final SiteContext site;
  private final SiteApi api;
  private final Optional<ContentStore> content;
  private final SiteDefinitions definitions;
  private final SiteMirror mirror;
  private long gcTimer = -1;

  private SiteParts(SiteContext site, SiteApi api, Optional<ContentStore> content,
      SiteDefinitions definitions, SiteMirror mirror) {
    this.site = site;
    this.api = api;
    this.content = content;
    this.definitions = definitions;
    this.mirror = mirror;
  }

  static SiteParts open(SiteContext site) {
    SiteDirectory dir = site.directory();
    SiteApi api = SiteApi.open(dir.root(), site.client(), site.namespace(), site.identity().siteName(),
        site.identity().url(), site.identity().fingerprint(), site.gateway(), site.heard());
    Optional<ContentStore> content = site.trust().map(trust -> {
      try {
        return ContentStore.open(dir.content(), trust, ContentLimits.defaults(), Clock.systemUTC());
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the content store " + dir.content() + ": " + e.getMessage(), e);
      }
    });
    // Without a trusted key, a key made now and forgotten: nothing verifies against it (uploads are refused
    // before it is asked), while the definitions kept before are still listed and used.
    TrustStore trust = site.trust().orElseGet(() -> TrustStore.of(SigningKey.generate(SignatureAlgorithm.ED25519)
        .publicKey()));
    SiteDefinitions definitions = new SiteDefinitions(site.client(), site.namespace(), dir.root(), trust,
        Clock.systemUTC(), SiteDefinitions.DEFAULT_MAX_BYTES);
    if (site.trust().isEmpty()) {
      LOG.warn("no --trust-key given: the site keeps no content bundle and no cluster definition (uploads are "
          + "refused) and serves no registry");
    }
    SiteMirror mirror = new SiteMirror(site.client(), site.namespace(), site.identity(), content);
    mirror.refresh();
    return new SiteParts(site, api, content, definitions, mirror);
  }

  @Override
  public void mount(Router router) {
    content.ifPresent(store -> SiteRegistryRoutes.mount(router, store));
    api.mount(router);
    // the site API answers its own 404 and 405; elsewhere, the site port's
    router.errorHandler(404, ctx -> answer(ctx, 404));
    router.errorHandler(405, ctx -> answer(ctx, 405));
    SiteApi.Limits limits = SiteApi.Limits.DEFAULT;
    Optional<ContentRoutes> bundles = content.map(store -> new ContentRoutes(store,
        new SiteClusterRuns(site.client(), site.namespace()), api.audit(), ContentRoutes.Limits.DEFAULT, limits));
    bundles.ifPresent(routes -> {
      routes.mount(router);
      gcTimer = routes.startPeriodicGc(site.vertx(), GC_PERIOD);
    });
    DefinitionRoutes kept = new DefinitionRoutes(definitions, site.trust().isPresent(),
        DefinitionRoutes.Limits.DEFAULT, limits);
    kept.mount(router);
    ClusterControl control = new ClusterControl(site.client(), site.namespace());
    ClusterCreation creation = new ClusterCreation(site.client(), site.namespace(), definitions, mirror::refresh);
    ClusterUpdates updates = new ClusterUpdates(site.client(), site.namespace(), definitions);
    new ClusterRoutes(creation, updates, control, new JsonBody(limits.jsonBodyBytes(), limits.bodyTimeout()),
        mirror::refresh).mount(router);
    // the Local UI, over the same services, session cookie and audit log
    new UiRoutes(site.identity(), api.auth(), api.auditLog(), api.hosts(), control,
        new ClusterServices(definitions, creation, updates, control, api.hosts(), mirror::refresh))
        .withContent(bundles, kept).withLinks(api.links()).mount(router);
  }

  private static void answer(RoutingContext ctx, int status) {
    String path = ctx.request().path();
    if (path != null && path.startsWith(SiteApi.PREFIX)) {
      ApiErrors.answer(ctx, ApiErrors.fromStatus(status));
    } else if (status == 404) {
      SiteErrors.notFound(ctx);
    } else {
      SiteErrors.methodNotAllowed(ctx);
    }
  }

  @Override
  public void close() {
    if (gcTimer >= 0) {
      site.vertx().cancelTimer(gcTimer);
    }
  }
}
