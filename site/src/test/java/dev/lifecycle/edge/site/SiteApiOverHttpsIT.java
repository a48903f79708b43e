package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import dev.lifecycle.edge.site.mirror.SiteMirror;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.wire.LinkToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site controller as {@code edge-operator.jar site} runs it (durable store, every part mounted), driven through
 * its site API over real HTTPS, with a simulated agent linked by a link token.
 */
class SiteApiOverHttpsIT {

  private static final String LOOPBACK = "127.0.0.1";
  private static final String API = "/api/site/v1";
  private static final String PASSWORD = "Store-0042-Keys!";

  @TempDir
  Path dir;

  private SiteOptions options() throws Exception {
    Path trust = dir.resolve("forge.pub");
    Files.writeString(trust, SiteFixtures.TRUST.toPem());
    return SiteOptions.defaults(dir.resolve("data"), "store-0042").withListen(new ListenAddress(LOOPBACK, 0))
        .withTrustKeys(List.of(trust));
  }

  @Test
  @DisplayName("When a person logs in, links a host, uploads a definition and creates a cluster through the site API, "
      + "then the host's plan names the site registry's images, the cluster reaches Running, and after a restart on "
      + "the same directory the cluster, the user's password and the audit log are still there")
  void formsAClusterThroughTheSiteApi() throws Exception {
    Path certificate = dir.resolve("data/tls/" + CertificateFiles.CERTIFICATE);
    String host;
    try (SiteController site = SiteController.start(options(), SiteStore.DEFAULT, SiteMounts.DEFAULT)) {
      Client api = new Client(client(certificate), site.port());
      await().atMost(Duration.ofSeconds(30)).until(() -> site.notReady().isEmpty());

      String initial = Files.readString(site.options().directory().initialAdminPassword()).strip();
      JsonObject login = api.json("POST", "/session", null, new JsonObject().put("user", "admin")
          .put("password", initial), 200);
      assertThat(login.getBoolean("mustChangePassword")).isTrue();
      String first = login.getString("token");
      assertThat(api.call("GET", "/clusters", first, null).statusCode()).as("the initial password gate")
          .isEqualTo(403);
      String token = api.json("POST", "/password", first, new JsonObject().put("oldPassword", initial)
          .put("newPassword", PASSWORD), 200).getString("token");

      // a host linked with a link token made by the site API
      LinkToken link = LinkToken.parse(api.json("POST", "/links", token, null, 201).getString("text"));
      assertThat(link.controller()).isEqualTo(site.identity().url());
      assertThat(link.fingerprint()).isEqualTo(site.identity().fingerprint());
      await().atMost(Duration.ofSeconds(20)).until(() -> site.gatewayKnowsToken(link.token()));
      try (FleetSimulator fleet = FleetSimulator.builder(link.controller(), link.token()).hosts(1)
          .machineIdPrefix("store-0042-host").pollInterval(Duration.ofMillis(200)).applyTime(Duration.ofMillis(50))
          .caCert(certificate).build()) {
        fleet.start();
        AtomicReference<String> available = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          JsonArray hosts = api.json("GET", "/hosts", token, null, 200).getJsonArray("hosts");
          if (hosts.size() == 1 && "Available".equals(hosts.getJsonObject(0).getString("phase"))) {
            available.set(hosts.getJsonObject(0).getString("name"));
          }
          return available.get() != null;
        });
        host = available.get();

        Path definition = SiteFixtures.definition(dir, SiteFixtures.retail140());
        HttpResponse<String> uploaded = api.upload("/definitions", token, definition);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String digest = new JsonObject(uploaded.body()).getString("digest");
        assertThat(api.json("GET", "/definitions", token, null, 200).getJsonArray("definitions")).hasSize(1);

        JsonObject created = api.json("POST", "/clusters", token, new JsonObject().put("name", "store-0042")
            .put("definition", digest).put("version", "1.4.0")
            .put("variables", new JsonObject().put("storeId", "0042").put("dbPassword", "pg-Secret-1"))
            .put("hosts", new JsonArray().add(new JsonObject().put("host", host).put("role", "control-plane"))), 201);
        assertThat(created.getString("profile")).isEqualTo("retail-1.4.0");

        // the site is its hosts' mirror: the cluster names its ImageRegistry, and the host's plan the site's images
        String authority = site.identity().url().getAuthority();
        EdgeCluster cluster = site.client().resources(EdgeCluster.class).inNamespace("site").withName("store-0042")
            .get();
        assertThat(cluster.getSpec().getRegistryRef().getName()).isEqualTo(SiteMirror.NAME);
        ImageRegistry mirror = site.client().resources(ImageRegistry.class).inNamespace("site")
            .withName(SiteMirror.NAME).get();
        assertThat(mirror.getSpec().getEndpoint()).isEqualTo("https://" + authority);
        assertThat(mirror.getSpec().getCa().getPem()).isEqualTo(site.identity().certificatePem());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          EdgeHost edgeHost = site.client().resources(EdgeHost.class).inNamespace("site").withName(host).get();
          assertThat(edgeHost.getStatus().getPlan()).isNotNull();
          assertThat(edgeHost.getStatus().getPlan().getLayers()).extracting(ProfileLayer::getImage)
              .contains(authority + "/edge/os:1.4.0", authority + "/edge/k3s:v1.30.4");
        });

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
          JsonObject progress = api.json("GET", "/clusters/store-0042", token, null, 200);
          assertThat(progress.getString("phase")).as(progress.encode()).isEqualTo("Running");
          assertThat(progress.getString("version")).startsWith("1.4.0");
        });
      }
    }

    try (SiteController again = SiteController.start(options(), SiteStore.DEFAULT, SiteMounts.DEFAULT)) {
      Client api = new Client(client(certificate), again.port());
      assertThat(api.call("POST", "/session", null, new JsonObject().put("user", "admin").put("password", "wrong")
          .encode()).statusCode()).isEqualTo(401);
      String token = api.json("POST", "/session", null, new JsonObject().put("user", "admin")
          .put("password", PASSWORD), 200).getString("token");
      JsonObject progress = api.json("GET", "/clusters/store-0042", token, null, 200);
      assertThat(progress.getString("phase")).isEqualTo("Running");
      assertThat(api.json("GET", "/hosts", token, null, 200).getJsonArray("hosts").getJsonObject(0)
          .getString("cluster")).isEqualTo("store-0042");
      assertThat(api.json("GET", "/definitions", token, null, 200).getJsonArray("definitions").getJsonObject(0)
          .getJsonArray("usedBy")).containsExactly("store-0042");
      List<String> actions = api.json("GET", "/audit?limit=1000", token, null, 200).getJsonArray("entries").stream()
          .map(entry -> ((JsonObject) entry).getString("action") + " " + ((JsonObject) entry).getString("result"))
          .toList();
      assertThat(actions).contains("password.change ok", "link.create ok", "definition.upload ok",
          "cluster.create ok", "session.login refused");
    }
  }

  /** Trusting exactly the site's certificate; a long connect timeout, since a loaded machine handshakes slowly. */
  private static HttpClient client(Path certificate) throws Exception {
    HttpClient trusting = SiteControllerIT.trusting(certificate);
    return HttpClient.newBuilder().sslContext(trusting.sslContext()).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** The site API over HTTPS, with a Bearer session. */
  private record Client(HttpClient http, int port) {

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://" + LOOPBACK + ":" + port + API + path))
          .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject json(String method, String path, String token, JsonObject body, int status) throws Exception {
      HttpResponse<String> answer = call(method, path, token, body == null ? null : body.encode());
      assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
      return new JsonObject(answer.body());
    }

    HttpResponse<String> upload(String path, String token, Path file) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("https://" + LOOPBACK + ":" + port + API + path))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/zstd").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
