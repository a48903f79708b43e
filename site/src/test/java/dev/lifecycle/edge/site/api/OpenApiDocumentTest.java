package dev.lifecycle.edge.site.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.site.api.clusters.ClusterRoutes;
import dev.lifecycle.edge.site.api.content.ContentRoutes;
import dev.lifecycle.edge.site.api.content.DefinitionRoutes;
import dev.lifecycle.edge.site.audit.AuditLog;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.clusters.ClusterCreation;
import dev.lifecycle.edge.site.clusters.ClusterUpdates;
import dev.lifecycle.edge.site.clusters.SiteDefinitions;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When the site API is mounted, then every route is in the OpenAPI document and every operation of the document is a route")
  void documentMatchesRoutes() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build()) {
      Router router = Router.router(vertx);
      new SiteApi(new AuthService(dir, Clock.systemUTC(), 4, new SecureRandom()), new AuditLog(dir, Clock.systemUTC()),
          new LinkTokens(client, "site", "store", SiteApiHarness.CONTROLLER, SiteApiHarness.FINGERPRINT,
              Clock.systemUTC()), new SiteHosts(client, "site", Clock.systemUTC()), SiteApi.Limits.DEFAULT)
          .mount(router);
      // the other site packages' routes, as the site controller mounts them (SiteParts)
      TrustStore trust = TrustStore.of(SigningKey.generate(SignatureAlgorithm.ED25519).publicKey());
      new ContentRoutes(ContentStore.open(dir.resolve("content"), trust, ContentLimits.defaults(), Clock.systemUTC()),
          List::of, new AuditLog(dir, Clock.systemUTC()), ContentRoutes.Limits.DEFAULT, SiteApi.Limits.DEFAULT)
          .mount(router);
      SiteDefinitions definitions = new SiteDefinitions(client, "site", dir, trust, Clock.systemUTC(),
          SiteDefinitions.DEFAULT_MAX_BYTES);
      new DefinitionRoutes(definitions, true, DefinitionRoutes.Limits.DEFAULT, SiteApi.Limits.DEFAULT).mount(router);
      new ClusterRoutes(new ClusterCreation(client, "site", definitions), new ClusterUpdates(client, "site",
          definitions), new ClusterControl(client, "site"), new JsonBody(1024, Duration.ofSeconds(1)), () -> { })
          .mount(router);
      Set<String> mounted = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        if (route.methods() == null || route.methods().isEmpty() || route.getPath() == null) {
          continue;
        }
        assertThat(route.getPath()).startsWith(SiteApi.PREFIX);
        String path = route.getPath().substring(SiteApi.PREFIX.length()).replaceAll(":([a-zA-Z]+)", "{$1}");
        for (HttpMethod method : route.methods()) {
          mounted.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
        }
      }
      JsonObject document = new JsonObject(SiteApi.openApiDocument());
      assertThat(document.getString("openapi")).startsWith("3.");
      assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo(SiteApi.PREFIX);
      Set<String> documented = new TreeSet<>();
      JsonObject paths = document.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          documented.add(method + " " + path);
          JsonObject responses = paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses");
          assertThat(responses.fieldNames()).as(method + " " + path + " answers").isNotEmpty();
          for (String status : responses.fieldNames()) {
            if (status.startsWith("4")) {
              assertThat(responses.getJsonObject(status).encode()).as(method + " " + path + " " + status)
                  .contains("#/components/schemas/Error");
            }
          }
        }
      }
      assertThat(documented).isEqualTo(mounted);
    } finally {
      vertx.close();
    }
  }
}
