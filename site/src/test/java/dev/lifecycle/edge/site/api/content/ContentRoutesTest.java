package dev.lifecycle.edge.site.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.TestImages;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Session;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content routes over real HTTP, with bundles from the bundle module's writer and clusters in an embedded API. */
class ContentRoutesTest {

  private static final int PIPE = 256 * 1024;
  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;

  @TempDir
  Path dir;
  private ContentSite site;
  private Session admin;
  private TestBundles bundles;

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
    String namespace = "content-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    site = new ContentSite(dir.resolve("site"), kubernetes, namespace, SiteApi.Limits.DEFAULT,
        new ContentRoutes.Limits(1L << 30, Duration.ofSeconds(10), PIPE));
    admin = site.api.admin();
    bundles = new TestBundles();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private String bearer(String method, String path, int status) {
    Answer answer = site.api.asBearer(admin, method, path);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    return answer.body();
  }

  @Test
  @DisplayName("Uploading a bundle answers 201 with its summary; again, 200 alreadyPresent; listed with the clusters "
      + "that run its profile version, shown with its images, and its deletion refused while a cluster uses it")
  void uploadListShowAndDeleteInUse() throws IOException {
    BuiltBundle v1 = bundles.v1(dir.resolve("v1.tar.zst"));

    Answer created = site.upload(admin, v1.archive(), "name=retail%20spring");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject bundle = created.json();
    String id = bundle.getString("id");
    assertThat(id).matches("sha256:[0-9a-f]{64}");
    assertThat(bundle.getString("name")).isEqualTo("retail spring");
    assertThat(bundle.getJsonArray("profiles")).isEqualTo(new JsonArray().add(new JsonObject().put("name", "retail")
        .put("version", "1.4.0")));
    assertThat(bundle.getLong("images")).isEqualTo(2);
    assertThat(bundle.getLong("charts")).isEqualTo(1);
    assertThat(bundle.getLong("size")).isEqualTo(Files.size(v1.archive()));
    assertThat(bundle.getString("signer")).isEqualTo(TestBundles.KEY.keyId().value());
    assertThat(bundle.getString("uploadedAt")).isNotBlank();
    assertThat(bundle.getBoolean("alreadyPresent")).isFalse();

    Answer again = site.upload(admin, v1.archive(), null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getBoolean("alreadyPresent")).isTrue();
    assertThat(again.json().getString("id")).isEqualTo(id);
    assertThat(site.store.bundles()).hasSize(1);

    JsonObject listed = new JsonObject(bearer("GET", ContentSite.BUNDLES, 200)).getJsonArray("bundles")
        .getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(id);
    assertThat(listed.getJsonArray("usedBy")).isEmpty();

    site.clusterRunning("store-1", "retail-1-4-0", "retail", "1.4.0");
    site.clusterRunning("store-2", "other-2-0-0", "other", "2.0.0");
    listed = new JsonObject(bearer("GET", ContentSite.BUNDLES, 200)).getJsonArray("bundles").getJsonObject(0);
    assertThat(listed.getJsonArray("usedBy")).isEqualTo(new JsonArray().add("store-1"));

    JsonObject shown = new JsonObject(bearer("GET", ContentSite.BUNDLES + "/" + id, 200));
    assertThat(shown.getJsonArray("usedBy")).isEqualTo(new JsonArray().add("store-1"));
    assertThat(shown.getJsonArray("artifacts").stream().map(a -> ((JsonObject) a).getString("reference")))
        .containsExactly(TestBundles.POS + ":1.4", TestBundles.NGINX, TestBundles.CHART);
    assertThat(shown.getInteger("blobs")).isEqualTo(site.store.bundles().get(0).blobs().size());

    Map<String, String> before = snapshot();
    JsonObject inUse = new JsonObject(bearer("DELETE", ContentSite.BUNDLES + "/" + id, 409));
    assertThat(inUse.getString("message")).contains("store-1").doesNotContain("store-2");
    assertThat(snapshot()).isEqualTo(before);

    List<AuditEntry> audited = site.api.auditEntries();
    assertThat(audited.get(0)).satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("bundle.delete");
      assertThat(entry.actor()).isEqualTo("admin");
      assertThat(entry.target()).isEqualTo("bundle/" + id);
      assertThat(entry.result()).isEqualTo(AuditEntry.REFUSED);
      assertThat(entry.reason()).contains("409").contains("store-1");
    });
    assertThat(audited).filteredOn(entry -> entry.action().equals("bundle.upload")).hasSize(2)
        .allSatisfy(entry -> {
          assertThat(entry.target()).isEqualTo("bundle/" + id);
          assertThat(entry.result()).isEqualTo(AuditEntry.OK);
          assertThat(entry.actor()).isEqualTo("admin");
        });
  }

  @Test
  @DisplayName("Deleting a bundle nothing uses: 200 with the blobs and bytes freed; its own blobs go, shared ones "
      + "stay; audited")
  void deleteUnused() throws IOException {
    String v1 = site.upload(admin, bundles.v1(dir.resolve("v1.tar.zst")).archive(), null).json().getString("id");
    String v2 = site.upload(admin, bundles.v2(dir.resolve("v2.tar.zst"), null).archive(), null).json()
        .getString("id");
    Map<String, Long> blobsBefore = blobSizes();

    JsonObject deleted = new JsonObject(bearer("DELETE", ContentSite.BUNDLES + "/" + v1, 200));

    Map<String, Long> blobsAfter = blobSizes();
    long freed = blobsBefore.entrySet().stream().filter(e -> !blobsAfter.containsKey(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(freed).isPositive();
    assertThat(deleted.getJsonObject("deleted").getString("id")).isEqualTo(v1);
    assertThat(deleted.getLong("bytesFreed")).isEqualTo(freed);
    assertThat(deleted.getInteger("blobs")).isEqualTo(blobsBefore.size() - blobsAfter.size());
    assertThat(site.store.bundles()).extracting(b -> b.id()).containsExactly(v2);
    assertThat(site.api.asBearer(admin, "GET", ContentSite.BUNDLES + "/" + v1).status()).isEqualTo(404);
    AuditEntry entry = site.api.auditEntries().get(0);
    assertThat(entry.action()).isEqualTo("bundle.delete");
    assertThat(entry.target()).isEqualTo("bundle/" + v1);
    assertThat(entry.result()).isEqualTo(AuditEntry.OK);
  }

  @Test
  @DisplayName("The inventory is what bundle build --inventory reads, and a delta bundle built against it uploads")
  void inventoryAndDelta() throws IOException {
    site.upload(admin, bundles.v1(dir.resolve("v1.tar.zst")).archive(), null);

    Answer answer = site.api.asBearer(admin, "GET", SiteApi.PREFIX + "/inventory");

    assertThat(answer.status()).isEqualTo(200);
    Path file = dir.resolve("site-inventory.json");
    Files.writeString(file, answer.body(), StandardCharsets.UTF_8);
    SiteInventory inventory = SiteInventory.read(file);
    assertThat(inventory.digests()).isEqualTo(site.store.inventory().digests()).isNotEmpty();
    BuiltBundle delta = bundles.v2(dir.resolve("v2-delta.tar.zst"), inventory);
    Answer uploaded = site.upload(admin, delta.archive(), null);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().getBoolean("delta")).isTrue();
  }

  @Test
  @DisplayName("Garbage collection on demand deletes what nothing uses nor keeps (the version before the one a "
      + "cluster runs stays), answers the bytes freed, and is audited")
  void garbageCollection() throws IOException {
    ImagePlan old = bundles.images.image(TestBundles.POS + ":1.3", bundles.baseLayer,
        bundles.images.blob(TestImages.LAYER, 4_000));
    String v13 = site.upload(admin, bundles.write(dir.resolve("v13.tar.zst"), "1.3.0", List.of(old), List.of(), null)
        .archive(), null).json().getString("id");
    String v14 = site.upload(admin, bundles.v1(dir.resolve("v1.tar.zst")).archive(), null).json().getString("id");
    String v15 = site.upload(admin, bundles.v2(dir.resolve("v2.tar.zst"), null).archive(), null).json()
        .getString("id");
    site.clusterRunning("store-1", "retail-1-5-0", "retail", "1.5.0");
    Map<String, Long> blobsBefore = blobSizes();

    Answer answer = site.api.asBearer(admin, "POST", SiteApi.PREFIX + "/content/gc");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonObject collected = answer.json();
    assertThat(collected.getJsonArray("deleted").stream().map(b -> ((JsonObject) b).getString("id")))
        .containsExactly(v13);
    Map<String, Long> blobsAfter = blobSizes();
    long freed = blobsBefore.entrySet().stream().filter(e -> !blobsAfter.containsKey(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(freed).isGreaterThanOrEqualTo(4_000);
    assertThat(collected.getLong("bytesFreed")).isEqualTo(freed);
    assertThat(site.store.bundles()).extracting(b -> b.id()).containsExactly(v14, v15);
    AuditEntry entry = site.api.auditEntries().get(0);
    assertThat(entry.action()).isEqualTo("content.gc");
    assertThat(entry.actor()).isEqualTo("admin");
    assertThat(entry.target()).isEqualTo("bundle/" + v13);
    assertThat(entry.result()).isEqualTo(AuditEntry.OK);

    JsonObject nothing = new JsonObject(bearer("POST", SiteApi.PREFIX + "/content/gc", 200));
    assertThat(nothing.getJsonArray("deleted")).isEmpty();
    assertThat(nothing.getLong("bytesFreed")).isZero();
  }

  @Test
  @DisplayName("The periodic garbage collection deletes what nothing keeps and is audited as the site controller")
  void periodicGarbageCollection() throws Exception {
    ImagePlan old = bundles.images.image(TestBundles.POS + ":1.3", bundles.baseLayer,
        bundles.images.blob(TestImages.LAYER, 4_000));
    String v13 = site.upload(admin, bundles.write(dir.resolve("v13.tar.zst"), "1.3.0", List.of(old), List.of(), null)
        .archive(), null).json().getString("id");
    site.upload(admin, bundles.v1(dir.resolve("v1.tar.zst")).archive(), null);
    site.upload(admin, bundles.v2(dir.resolve("v2.tar.zst"), null).archive(), null);
    site.clusterRunning("store-1", "retail-1-5-0", "retail", "1.5.0");
    Vertx vertx = Vertx.vertx();
    try {
      site.routes.startPeriodicGc(vertx, Duration.ofMillis(50));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (site.api.auditEntries().stream().noneMatch(e -> e.action().equals("content.gc"))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    AuditEntry entry = site.api.auditEntries().stream().filter(e -> e.action().equals("content.gc")).findFirst()
        .orElseThrow();
    assertThat(entry.actor()).isEqualTo(ContentRoutes.SYSTEM_ACTOR);
    assertThat(entry.target()).isEqualTo("bundle/" + v13);
    assertThat(entry.result()).isEqualTo(AuditEntry.OK);
    assertThat(site.store.bundle(v13)).isEmpty();
    assertThat(site.api.auditEntries())
        .filteredOn(e -> e.action().equals("content.gc") && e.result().equals(AuditEntry.OK)).hasSize(1);
  }

  @Test
  @DisplayName("A 50 MiB upload streams to the store through the bounded pipe: never more than its capacity (and "
      + "the chunk that crossed it) waits in memory")
  void largeUploadStreamsWithBoundedBuffer() throws IOException {
    ImagePlan big = bundles.images.image(TestBundles.POS + ":big", bundles.images.blob(TestImages.LAYER,
        50 << 20));
    BuiltBundle built = bundles.write(dir.resolve("big.tar.zst"), "9.0.0", List.of(big), List.of(), null);
    assertThat(Files.size(built.archive())).isGreaterThan(50L << 20);

    Answer answer = site.upload(admin, built.archive(), null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().getLong("size")).isEqualTo(Files.size(built.archive()));
    assertThat(site.routes.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(PIPE + 64 * 1024);
  }

  private Map<String, String> snapshot() throws IOException {
    return dev.lifecycle.edge.site.content.DirectorySnapshot.of(site.content);
  }

  private Map<String, Long> blobSizes() throws IOException {
    Map<String, Long> sizes = new HashMap<>();
    try (Stream<Path> files = Files.list(site.content.resolve("blobs/sha256"))) {
      for (Path file : files.toList()) {
        sizes.put(file.getFileName().toString(), Files.size(file));
      }
    }
    return sizes;
  }
}
