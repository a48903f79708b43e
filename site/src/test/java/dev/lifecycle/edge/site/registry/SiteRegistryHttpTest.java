package dev.lifecycle.edge.site.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundleIndex;
import dev.lifecycle.edge.oci.Descriptor;
import dev.lifecycle.edge.oci.ImageManifest;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.ManifestContent;
import dev.lifecycle.edge.oci.Platform;
import dev.lifecycle.edge.oci.RegistryClient;
import dev.lifecycle.edge.oci.ResolvedImage;
import dev.lifecycle.edge.site.content.BundleRecord;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.content.UploadOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The site registry over HTTP, with the JDK's client and with the project's own OCI client. */
class SiteRegistryHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  @TempDir
  static Path dir;

  private static Vertx vertx;
  private static HttpServer server;
  private static ContentStore store;
  private static BuiltBundle v1;
  private static BundleRecord record;
  private static String base;
  private static String host;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    TestBundles bundles = new TestBundles();
    store = ContentStore.open(dir.resolve("content"), TestBundles.TRUST, ContentLimits.defaults(), Clock.systemUTC());
    v1 = bundles.v1(dir.resolve("v1.tar.zst"));
    try (InputStream in = Files.newInputStream(v1.archive())) {
      record = ((UploadOutcome.Stored) store.upload(in, null)).bundle();
    }
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    SiteRegistryRoutes.mount(router, store);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get();
    host = "127.0.0.1:" + server.actualPort();
    base = "http://" + host;
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String errorCode(HttpResponse<byte[]> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode error = json(response).path("errors").path(0);
    assertThat(error.path("message").asText()).isNotBlank();
    return error.path("code").asText();
  }

  private static BundleIndex.ImageEntry image(String reference) {
    return v1.index().images().stream().filter(image -> image.reference().equals(reference)).findFirst().orElseThrow();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  @DisplayName("GET and HEAD /v2/: 200 with the API version header")
  void versionCheck() throws Exception {
    for (String method : List.of("GET", "HEAD")) {
      HttpResponse<byte[]> response = send(method, "/v2/");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
    }
  }

  @Test
  @DisplayName("A manifest by tag: its own bytes, media type and digest; HEAD gives the same headers without a body")
  void manifestByTag() throws Exception {
    BundleIndex.ImageEntry pos = image(TestBundles.POS + ":1.4");

    HttpResponse<byte[]> response = send("GET", "/v2/retail/pos/manifests/1.4", "Accept", OCI_MANIFEST);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(OCI_MANIFEST);
    assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(pos.manifest().digest());
    assertThat(sha256(response.body())).isEqualTo(pos.manifest().digest());
    assertThat(response.body()).hasSize((int) pos.manifest().size());

    HttpResponse<byte[]> head = send("HEAD", "/v2/retail/pos/manifests/1.4");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(pos.manifest().size()));
    assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(pos.manifest().digest());
  }

  @Test
  @DisplayName("An image index by tag and its platform manifests by digest, each with its media type")
  void indexAndChildren() throws Exception {
    BundleIndex.ImageEntry nginx = image(TestBundles.NGINX);

    HttpResponse<byte[]> index = send("GET", "/v2/library/nginx/manifests/1.27", "Accept", OCI_INDEX + ", "
        + OCI_MANIFEST);

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).contains(OCI_INDEX);
    assertThat(sha256(index.body())).isEqualTo(nginx.manifest().digest());
    for (JsonNode child : json(index).path("manifests")) {
      String digest = child.path("digest").asText();
      HttpResponse<byte[]> manifest = send("GET", "/v2/library/nginx/manifests/" + digest);
      assertThat(manifest.statusCode()).isEqualTo(200);
      assertThat(manifest.headers().firstValue("Content-Type")).contains(OCI_MANIFEST);
      assertThat(sha256(manifest.body())).isEqualTo(digest);
    }
  }

  @Test
  @DisplayName("A manifest whose media type the Accept header excludes: 404 MANIFEST_UNKNOWN naming the type")
  void notAccepted() throws Exception {
    HttpResponse<byte[]> response = send("GET", "/v2/retail/pos/manifests/1.4", "Accept",
        "application/vnd.docker.distribution.manifest.v2+json");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(errorCode(response)).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(json(response).toString()).contains(OCI_MANIFEST);
  }

  @Test
  @DisplayName("Blobs: whole, HEAD, a range (206 with Content-Range), a suffix range, a range past the end (416)")
  void blobs() throws Exception {
    String layer = record.blobs().stream().filter(digest -> size(digest) == 30_000).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(store.blob(layer).orElseThrow());
    String path = "/v2/retail/pos/blobs/" + layer;

    HttpResponse<byte[]> whole = send("GET", path);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(bytes);
    assertThat(whole.headers().firstValue("Docker-Content-Digest")).contains(layer);
    assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");

    HttpResponse<byte[]> head = send("HEAD", path);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).contains("30000");

    HttpResponse<byte[]> part = send("GET", path, "Range", "bytes=100-1099");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-1099/30000");
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1100));

    HttpResponse<byte[]> suffix = send("GET", path, "Range", "bytes=-500");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, 29_500, 30_000));

    HttpResponse<byte[]> past = send("GET", path, "Range", "bytes=30000-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).contains("bytes */30000");
    assertThat(send("GET", path, "Range", "bytes=oops").statusCode()).isEqualTo(416);
  }

  @Test
  @DisplayName("A blob another repository's images need, or none does: 404 BLOB_UNKNOWN")
  void blobScopedByRepository() throws Exception {
    String chartLayer = record.blobs().stream().filter(digest -> size(digest) == 3_000).findFirst().orElseThrow();

    assertThat(send("GET", "/v2/charts/web/blobs/" + chartLayer).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> elsewhere = send("GET", "/v2/retail/pos/blobs/" + chartLayer);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(errorCode(elsewhere)).isEqualTo("BLOB_UNKNOWN");
    assertThat(send("GET", "/v2/retail/pos/blobs/sha256:" + "0".repeat(64)).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("Unknown tags, digests and repositories: 404 with the spec's codes")
  void unknown() throws Exception {
    HttpResponse<byte[]> tag = send("GET", "/v2/retail/pos/manifests/9.9");
    assertThat(tag.statusCode()).isEqualTo(404);
    assertThat(errorCode(tag)).isEqualTo("MANIFEST_UNKNOWN");
    assertThat(json(tag).toString()).contains("1.4");
    HttpResponse<byte[]> digest = send("GET", "/v2/retail/pos/manifests/sha256:" + "1".repeat(64));
    assertThat(errorCode(digest)).isEqualTo("MANIFEST_UNKNOWN");
    HttpResponse<byte[]> repository = send("GET", "/v2/retail/nothing/tags/list");
    assertThat(repository.statusCode()).isEqualTo(404);
    assertThat(errorCode(repository)).isEqualTo("NAME_UNKNOWN");
  }

  @Test
  @DisplayName("Tags list and catalog, sorted, paginated with n and last and a Link to the next page")
  void listsAndPagination() throws Exception {
    HttpResponse<byte[]> tags = send("GET", "/v2/retail/pos/tags/list");
    assertThat(tags.statusCode()).isEqualTo(200);
    assertThat(json(tags).path("name").asText()).isEqualTo("retail/pos");
    assertThat(json(tags).path("tags").toString()).isEqualTo("[\"1.4\"]");

    HttpResponse<byte[]> catalog = send("GET", "/v2/_catalog");
    assertThat(json(catalog).path("repositories").toString())
        .isEqualTo("[\"charts/web\",\"library/nginx\",\"retail/pos\"]");

    HttpResponse<byte[]> first = send("GET", "/v2/_catalog?n=2");
    assertThat(json(first).path("repositories").toString()).isEqualTo("[\"charts/web\",\"library/nginx\"]");
    assertThat(first.headers().firstValue("Link")).contains("</v2/_catalog?n=2&last=library%2Fnginx>; rel=\"next\"");
    HttpResponse<byte[]> second = send("GET", "/v2/_catalog?n=2&last=library%2Fnginx");
    assertThat(json(second).path("repositories").toString()).isEqualTo("[\"retail/pos\"]");
    assertThat(second.headers().firstValue("Link")).isEmpty();

    HttpResponse<byte[]> bad = send("GET", "/v2/_catalog?n=many");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(errorCode(bad)).isEqualTo("PAGINATION_NUMBER_INVALID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "POST", "PATCH", "DELETE"})
  @DisplayName("Writes: 405 UNSUPPORTED, nothing changed")
  void writes(String method) throws Exception {
    for (String path : List.of("/v2/retail/pos/manifests/1.4", "/v2/retail/pos/blobs/uploads/",
        "/v2/retail/pos/blobs/" + record.blobs().get(0))) {
      HttpResponse<byte[]> response = send(method, path);
      assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
      assertThat(errorCode(response)).isEqualTo("UNSUPPORTED");
    }
    assertThat(store.bundles()).containsExactly(record);
  }

  static List<String> malformedPaths() {
    return List.of("/v2/retail/%2e%2e/%2e%2e/tags/list", "/v2/retail/pos/blobs/sha256:short",
        "/v2/retail/pos/manifests/sha256:" + "G".repeat(64), "/v2/Retail/Pos/tags/list",
        "/v2/retail/pos/blobs/sha512:" + "a".repeat(128));
  }

  @ParameterizedTest
  @MethodSource("malformedPaths")
  @DisplayName("Path tricks and malformed digests: 400 with the spec's codes")
  void malformed(String path) throws Exception {
    HttpResponse<byte[]> response = send("GET", path);

    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(errorCode(response)).isIn("NAME_INVALID", "DIGEST_INVALID");
  }

  @Test
  @DisplayName("The project's OCI client pulls by tag and by digest, every blob verified against its digest")
  void ociClientPulls() throws Exception {
    RegistryClient client = RegistryClient.builder().plainHttp(host).build();
    BundleIndex.ImageEntry pos = image(TestBundles.POS + ":1.4");

    ResolvedImage byTag = client.resolve(ImageReference.parse(host + "/retail/pos:1.4"), List.of());
    assertThat(byTag.top().descriptor().digest().toString()).isEqualTo(pos.manifest().digest());
    pullAll(client, byTag);

    ImageReference pinned = ImageReference.parse(host + "/retail/pos@" + pos.manifest().digest());
    ManifestContent byDigest = client.fetchManifest(pinned);
    assertThat(byDigest.descriptor().digest().toString()).isEqualTo(pos.manifest().digest());

    ResolvedImage nginx = client.resolve(ImageReference.parse(host + "/library/nginx:1.27"),
        List.of(Platform.parse("linux/arm64")));
    assertThat(nginx.top().descriptor().digest().toString()).isEqualTo(image(TestBundles.NGINX).manifest().digest());
    assertThat(nginx.manifests()).hasSize(1);
    pullAll(client, nginx);
  }

  private static void pullAll(RegistryClient client, ResolvedImage image) throws IOException {
    for (ResolvedImage.PlatformManifest platform : image.manifests()) {
      ImageManifest manifest = platform.manifest();
      List<Descriptor> blobs = new java.util.ArrayList<>(manifest.layers());
      blobs.add(manifest.config());
      for (Descriptor blob : blobs) {
        try (InputStream in = client.openBlob(image.reference(), blob)) {
          assertThat(in.readAllBytes()).hasSize((int) blob.size());
        }
      }
    }
  }

  private static long size(String digest) {
    try {
      return Files.size(store.blob(digest).orElseThrow());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("After garbage collection deletes a bundle, the registry no longer serves its tags")
  void followsTheStore() throws Exception {
    Path other = dir.resolve("gc");
    ContentStore gcStore = ContentStore.open(other, TestBundles.TRUST, ContentLimits.defaults(), Clock.systemUTC());
    TestBundles bundles = new TestBundles();
    BundleRecord first;
    BundleRecord third;
    try (InputStream in = Files.newInputStream(bundles.v1(dir.resolve("gc-v1.tar.zst")).archive())) {
      first = ((UploadOutcome.Stored) gcStore.upload(in, null)).bundle();
    }
    try (InputStream in = Files.newInputStream(bundles.write(dir.resolve("gc-v3.tar.zst"), "1.6.0",
        List.of(bundles.pos15()), List.of(), gcStore.inventory()).archive())) {
      third = ((UploadOutcome.Stored) gcStore.upload(in, null)).bundle();
    }
    Router router = Router.router(vertx);
    SiteRegistryRoutes.mount(router, gcStore);
    HttpServer gcServer = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get();
    String gcBase = "http://127.0.0.1:" + gcServer.actualPort();
    HttpRequest tag14 = HttpRequest.newBuilder(URI.create(gcBase + "/v2/retail/pos/tags/list")).build();
    assertThat(http.send(tag14, HttpResponse.BodyHandlers.ofString()).body()).contains("1.4").contains("1.5");

    gcStore.collectGarbage(Set.of(third.id()), Set.of());

    assertThat(gcStore.bundle(first.id())).isEmpty();
    assertThat(http.send(tag14, HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("1.4").contains("1.5");
    HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(gcBase
        + "/v2/library/nginx/manifests/1.27")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(gone.statusCode()).isEqualTo(404);
    gcServer.close().toCompletionStage().toCompletableFuture().get();
  }
}
