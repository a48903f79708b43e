package dev.lifecycle.edge.site.api.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.operator.definition.DefinitionContents;
import dev.lifecycle.edge.operator.definition.DefinitionIndex;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.api.content.DefinitionRoutes;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.clusters.ClusterControl;
import dev.lifecycle.edge.site.clusters.ClusterCreation;
import dev.lifecycle.edge.site.clusters.ClusterUpdates;
import dev.lifecycle.edge.site.clusters.SiteDefinitions;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import dev.lifecycle.edge.site.clusters.Tampering;
import dev.lifecycle.edge.site.testing.MutableClock;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security corpus of the site API's definitions and clusters: each case is refused with a 4xx, a JSON error with
 * a sentence and no stack trace, and changes nothing (the kept definitions, the profiles, clusters, hosts and Secrets
 * of the namespace are as before, and no change is audited as done).
 */
class ClusterRoutesCorpusTest {

  private static final String API = SiteApi.PREFIX;
  private static final long MAX_UPLOAD = 256 * 1024;
  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;

  @TempDir
  Path dir;
  private SiteApiHarness site;
  private Session admin;

  @BeforeAll
  static void startApi() {
    kubernetes = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void stopApi() {
    kubernetes.close();
  }

  @BeforeEach
  void start() {
    String namespace = "clusters-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    Path data = dir.resolve("data");
    site = new SiteApiHarness(data, new MutableClock(Instant.now()), kubernetes, namespace,
        SiteApi.Limits.DEFAULT, (harness, router) -> {
          SiteDefinitions definitions = new SiteDefinitions(kubernetes.client(), namespace, data, SiteFixtures.TRUST,
              Clock.systemUTC(), MAX_UPLOAD);
          new DefinitionRoutes(definitions, true, new DefinitionRoutes.Limits(MAX_UPLOAD, Duration.ofSeconds(5),
              64 * 1024), SiteApi.Limits.DEFAULT).mount(router);
          new ClusterRoutes(new ClusterCreation(kubernetes.client(), namespace, definitions),
              new ClusterUpdates(kubernetes.client(), namespace, definitions),
              new ClusterControl(kubernetes.client(), namespace),
              new JsonBody(SiteApi.Limits.DEFAULT.jsonBodyBytes(), SiteApi.Limits.DEFAULT.bodyTimeout()), () -> { })
              .mount(router);
        });
    admin = site.admin();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  // ---- the framework ----

  private record State(List<String> files, TreeMap<String, String> objects, long auditedOk) {
  }

  private State state() {
    List<String> files;
    Path definitions = site.dataDir.resolve("content/definitions");
    try (Stream<Path> tree = Files.exists(definitions) ? Files.walk(definitions) : Stream.empty()) {
      files = tree.filter(Files::isRegularFile).map(p -> site.dataDir.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TreeMap<String, String> objects = new TreeMap<>();
    String ns = site.namespace;
    kubernetes.client().resources(ClusterProfile.class).inNamespace(ns).list().getItems()
        .forEach(o -> objects.put("profile/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    kubernetes.client().resources(EdgeCluster.class).inNamespace(ns).list().getItems()
        .forEach(o -> objects.put("cluster/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    kubernetes.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()
        .forEach(o -> objects.put("host/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    kubernetes.client().secrets().inNamespace(ns).list().getItems()
        .forEach(o -> objects.put("secret/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    return new State(files, objects,
        site.auditEntries().stream().filter(e -> e.result().equals(AuditEntry.OK)).count());
  }

  private JsonObject refused(int status, String code, Supplier<Answer> request) {
    State before = state();
    Answer answer = request.get();
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonObject body = answer.json();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("dev.lifecycle");
    assertThat(state()).isEqualTo(before);
    return body;
  }

  private Answer upload(Path archive) {
    try {
      return site.send("POST", API + "/definitions", HttpRequest.BodyPublishers.ofFile(archive),
          "Content-Type", "application/zstd", "Authorization", "Bearer " + admin.token());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer post(String path, JsonObject body) {
    return site.call("POST", API + path, body.encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + admin.token());
  }

  private String kept() throws IOException {
    Answer answer = upload(SiteFixtures.definition(dir, SiteFixtures.retail140()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().getString("digest");
  }

  // ---- the cases ----

  @Test
  @DisplayName("01 a definition whose file was changed after signing is refused (422 DefinitionRefused), nothing kept")
  void tamperedDefinition() throws IOException {
    Path good = SiteFixtures.definition(dir, SiteFixtures.retail140());
    Path tampered = Tampering.changeFile(dir, Files.readAllBytes(good), "profiles/retail-1.4.0.yaml", "1.30.4",
        "1.30.9");
    JsonObject body = refused(422, "DefinitionRefused", () -> upload(tampered));
    assertThat(body.getString("message")).contains("DIGEST_MISMATCH").contains("nothing was kept");
    assertThat(body.getJsonArray("problems")).hasSize(1);
  }

  @Test
  @DisplayName("02 a definition signed by a key the site does not trust is refused (422), nothing kept")
  void untrustedDefinition() throws IOException {
    SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
    DefinitionContents contents = DefinitionContents.of("retail", List.of(SiteFixtures.retail140()),
        Optional.of(stranger.keyId()));
    Path archive = dir.resolve("stranger.tar.zst");
    new SignedArchiveWriter(stranger, Compression.defaults()).write(archive, DefinitionIndex.FILE_NAME,
        contents.index().toJson(), file -> new ByteArrayInputStream(contents.files().get(file.path())));
    assertThat(refused(422, "DefinitionRefused", () -> upload(archive)).getString("message"))
        .contains("UNTRUSTED_KEY");
  }

  @Test
  @DisplayName("03 a definition larger than the bound is refused (413 UploadTooLarge) from its Content-Length")
  void oversizedDefinition() throws IOException {
    Path large = dir.resolve("large.tar.zst");
    Files.write(large, new byte[(int) MAX_UPLOAD + 1]);
    refused(413, "UploadTooLarge", () -> upload(large));
  }

  @Test
  @DisplayName("04 creating a cluster with bad variables is refused (422 ClusterRefused), naming each problem")
  void badVariables() throws IOException {
    String digest = kept();
    JsonObject body = refused(422, "ClusterRefused", () -> post("/clusters", new JsonObject()
        .put("name", "store-0042").put("definition", digest).put("version", "1.4.0")
        .put("variables", new JsonObject().put("storeId", "42x").put("replicas", "many").put("colour", "red"))
        .put("hosts", new JsonArray().add(new JsonObject().put("host", "nobody").put("role", "control-plane")))));
    String problems = body.getJsonArray("problems").encode();
    assertThat(body.getJsonArray("problems").size()).isGreaterThanOrEqualTo(4);
    assertThat(problems).contains("storeId").contains("replicas").contains("colour").contains("dbPassword")
        .contains("nobody");
  }

  @Test
  @DisplayName("05 a field of the wrong type is refused (422 Invalid) before the services are asked")
  void wrongFieldTypes() throws IOException {
    String digest = kept();
    refused(422, "Invalid", () -> post("/clusters", new JsonObject().put("name", "store-0042")
        .put("definition", digest).put("version", "1.4.0").put("variables", new JsonObject()
            .put("storeId", new JsonObject())).put("hosts", new JsonArray())));
    refused(422, "Invalid", () -> post("/clusters", new JsonObject().put("name", "store-0042")
        .put("definition", digest).put("version", "1.4.0").put("hosts", "all")));
  }

  @Test
  @DisplayName("06 an unknown cluster is 404 ClusterNotFound: progress, pause, resume, update preview and apply")
  void unknownCluster() throws IOException {
    String digest = kept();
    refused(404, "ClusterNotFound", () -> site.asBearer(admin, "GET", API + "/clusters/store-9999"));
    refused(404, "ClusterNotFound", () -> site.asBearer(admin, "POST", API + "/clusters/store-9999/pause"));
    refused(404, "ClusterNotFound", () -> site.asBearer(admin, "POST", API + "/clusters/store-9999/resume"));
    JsonObject update = new JsonObject().put("definition", digest).put("version", "1.4.0");
    refused(404, "ClusterNotFound", () -> post("/clusters/store-9999/update-preview", update));
    refused(404, "ClusterNotFound", () -> post("/clusters/store-9999/update", update));
  }

  @Test
  @DisplayName("07 an unknown or malformed definition digest: 404 DefinitionNotFound, 400 InvalidDigest")
  void unknownDefinition() {
    String unknown = "sha256:" + "0".repeat(64);
    refused(404, "DefinitionNotFound", () -> site.asBearer(admin, "GET", API + "/definitions/" + unknown));
    refused(404, "DefinitionNotFound", () -> site.asBearer(admin, "DELETE", API + "/definitions/" + unknown));
    refused(400, "InvalidDigest", () -> site.asBearer(admin, "GET", API + "/definitions/sha256:XYZ"));
    refused(404, "DefinitionNotFound", () -> post("/clusters", new JsonObject().put("name", "store-0042")
        .put("definition", unknown).put("version", "1.4.0")
        .put("hosts", new JsonArray().add(new JsonObject().put("host", "a").put("role", "worker")))));
  }

  @Test
  @DisplayName("08 path tricks on clusters and definitions are 400 BadPath or BadRequest, before any lookup")
  void pathTricks() {
    refused(400, "BadPath", () -> site.asBearer(admin, "GET", API + "/clusters/..%2f..%2fhosts"));
    refused(400, "BadPath", () -> site.asBearer(admin, "DELETE", API + "/definitions/%2e%2e"));
    refused(400, "BadPath", () -> site.asBearer(admin, "POST", API + "/clusters/a%5cb/pause"));
    refused(400, "BadRequest", () -> site.asBearer(admin, "GET", API + "/clusters/Store_0042"));
    refused(400, "BadRequest", () -> site.asBearer(admin, "POST", API + "/clusters/" + "a".repeat(300) + "/pause"));
  }

  @Test
  @DisplayName("09 a change made with the session cookie and no CSRF token is 403, for uploads and clusters alike")
  void noCsrf() throws IOException {
    Path archive = SiteFixtures.definition(dir, SiteFixtures.retail140());
    refused(403, "CsrfTokenMissing", () -> {
      try {
        return site.send("POST", API + "/definitions", HttpRequest.BodyPublishers.ofFile(archive),
            "Content-Type", "application/zstd", "Cookie", "edge_site_session=" + admin.token());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    refused(403, "CsrfTokenMissing", () -> site.asCookie(admin, "POST", API + "/clusters/store-0042/pause", null));
  }

  @Test
  @DisplayName("10 no session: definitions and clusters are 401 NotLoggedIn")
  void noSession() {
    refused(401, "NotLoggedIn", () -> site.call("GET", API + "/clusters", null));
    refused(401, "NotLoggedIn", () -> site.call("GET", API + "/definitions", null));
    refused(401, "NotLoggedIn", () -> site.call("POST", API + "/clusters", "{}", "Content-Type", "application/json"));
  }

  @Test
  @DisplayName("11 a definition sent as another media type is 415, nothing read")
  void wrongMediaType() throws IOException {
    Path archive = SiteFixtures.definition(dir, SiteFixtures.retail140());
    refused(415, "UnsupportedMediaType", () -> {
      try {
        return site.send("POST", API + "/definitions", HttpRequest.BodyPublishers.ofFile(archive),
            "Content-Type", "application/json", "Authorization", "Bearer " + admin.token());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  @DisplayName("The same definition uploaded twice is kept once; the list and the description show it; deleting it "
      + "unused is done and audited")
  void keptOnce() throws IOException {
    Path archive = SiteFixtures.definition(dir, SiteFixtures.retail140());
    Answer first = upload(archive);
    assertThat(first.status()).isEqualTo(201);
    Answer again = upload(archive);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getBoolean("alreadyKept")).isTrue();
    String digest = first.json().getString("digest");
    assertThat(site.asBearer(admin, "GET", API + "/definitions").json().getJsonArray("definitions")).hasSize(1);
    JsonObject described = site.asBearer(admin, "GET", API + "/definitions/" + digest).json();
    assertThat(described.getString("name")).isEqualTo("retail");
    assertThat(described.getJsonArray("versions").getJsonObject(0).getString("version")).isEqualTo("1.4.0");
    assertThat(site.asBearer(admin, "DELETE", API + "/definitions/" + digest).status()).isEqualTo(204);
    assertThat(site.asBearer(admin, "GET", API + "/definitions").json().getJsonArray("definitions")).isEmpty();
    assertThat(site.auditEntries().stream().map(e -> e.action() + " " + e.result()))
        .contains("definition.upload ok", "definition.delete ok");
  }
}
