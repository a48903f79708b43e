package dev.lifecycle.edge.site.api.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.TamperCorpus;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.content.DirectorySnapshot;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Session;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security corpus of the content routes: each case must be refused with a 4xx and an {@code {"error", "message"}}
 * body, leave {@code DIR/content} byte-identical (no bundle, no blob, nothing left in {@code tmp/}) and be audited as
 * refused, never as done.
 */
class ContentRoutesSecurityCorpusTest {

  private static final long MAX = 256 * 1024;
  private static final Duration IDLE = Duration.ofMillis(500);
  private static final ContentRoutes.Limits LIMITS = new ContentRoutes.Limits(MAX, IDLE, 16 * 1024);
  private static final SiteApi.Limits API_LIMITS = new SiteApi.Limits(4096, Duration.ofSeconds(1));
  private static EmbeddedKubernetes kubernetes;
  private static int namespaces;

  @TempDir
  Path dir;
  private ContentSite site;
  private Session admin;
  private BuiltBundle v1;
  private String heldId;

  @BeforeAll
  static void startApi() {
    kubernetes = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void stopApi() {
    kubernetes.close();
  }

  @BeforeEach
  void start() throws IOException {
    String namespace = "content-corpus-" + (++namespaces);
    kubernetes.createNamespace(namespace);
    site = new ContentSite(dir.resolve("site"), kubernetes, namespace, API_LIMITS, LIMITS);
    admin = site.api.admin();
    TestBundles bundles = new TestBundles();
    v1 = bundles.v1(dir.resolve("v1.tar.zst"));
    assertThat(Files.size(v1.archive())).isLessThan(MAX);
    // the site already holds a bundle: a refusal must leave it and its blobs as they are
    BuiltBundle held = bundles.write(dir.resolve("held.tar.zst"), "1.0.0", List.of(bundles.pos15()), List.of(), null);
    heldId = site.upload(admin, held.archive(), null).json().getString("id");
  }

  @AfterEach
  void stop() {
    site.close();
  }

  // ---- the framework ----

  private Map<String, String> content() {
    try {
      return DirectorySnapshot.of(site.content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long auditedOk() {
    return site.api.auditEntries().stream().filter(e -> e.result().equals(AuditEntry.OK)).count();
  }

  /** Runs {@code request}: refused with {@code status} and {@code code}, nothing changed, audited as refused. */
  private JsonObject refused(int status, String code, Supplier<Answer> request) {
    Map<String, String> before = content();
    long okBefore = auditedOk();
    int auditedBefore = site.api.auditEntries().size();
    Answer answer = request.get();
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonObject body = answer.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("error", "message");
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(content()).isEqualTo(before);
    assertThat(auditedOk()).isEqualTo(okBefore);
    List<AuditEntry> audited = site.api.auditEntries();
    if (audited.size() > auditedBefore) {
      assertThat(audited.get(0).result()).isEqualTo(AuditEntry.REFUSED);
      assertThat(audited.get(0).reason()).contains(code);
    }
    return body;
  }

  /**
   * Sends {@code head}, then {@code body} from another thread (whose writes may fail once the server has answered
   * and closed), and reads the answer until the server closes or {@code timeout}. With {@code endBody} false the
   * body is left unfinished: an answer then shows the server did not wait for the rest.
   */
  private String raw(String head, byte[] body, Duration timeout) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.api.port())) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      CountDownLatch written = new CountDownLatch(1);
      Thread writer = new Thread(() -> {
        try {
          if (body != null) {
            out.write(body);
            out.flush();
          }
        } catch (IOException e) {
          // the server answered and closed before taking all of it
        } finally {
          written.countDown();
        }
      });
      writer.start();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          read.write(buffer, 0, n);
          if (read.toString(StandardCharsets.UTF_8).contains("\"}")) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        // what arrived is the answer
      }
      return read.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void refusedRaw(int status, String code, String head, byte[] body, Duration timeout) {
    Map<String, String> before = content();
    long okBefore = auditedOk();
    String answer = raw(head, body, timeout);
    assertThat(answer).startsWith("HTTP/1.1 " + status);
    assertThat(answer).contains("\"error\":\"" + code + "\"").doesNotContain("Exception");
    assertThat(content()).isEqualTo(before);
    assertThat(auditedOk()).isEqualTo(okBefore);
    assertThat(site.api.auditEntries().get(0).reason()).contains(code);
  }

  private String uploadHead(String extra) {
    return "POST " + ContentSite.BUNDLES + " HTTP/1.1\r\nHost: site\r\nAuthorization: Bearer " + admin.token()
        + "\r\nContent-Type: application/zstd\r\n" + extra + "\r\n";
  }

  /** {@code data} in chunks of {@code size} bytes; without the last, empty chunk unless {@code last}. */
  private static byte[] chunked(byte[] data, int size, boolean last) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < data.length; at += size) {
      int n = Math.min(size, data.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data, at, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    if (last) {
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  // ---- uploads that fail verification ----

  @Test
  @DisplayName("01 every forged or damaged bundle of the bundle module's tamper corpus, uploaded over HTTP: 422 "
      + "naming its reason, the content directory byte-identical")
  void tamperCorpus() throws IOException {
    List<TamperCorpus.Case> cases = TamperCorpus.of(v1.archive(), TestBundles.KEY, TestBundles.STRANGER);
    assertThat(cases).hasSizeGreaterThan(20);
    for (TamperCorpus.Case tampered : cases) {
      JsonObject body = refused(422, "BundleRefused", () -> site.upload(admin, tampered.archive()));
      assertThat(body.getString("message")).as(tampered.name()).contains(tampered.reason().name())
          .contains("nothing was kept");
    }
    assertThat(site.store.bundles()).extracting(b -> b.id()).containsExactly(heldId);
  }

  @Test
  @DisplayName("02 a bundle signed by a key the site does not trust: 422, nothing kept")
  void untrustedSigner() throws IOException {
    TestBundles more = new TestBundles();
    BuiltBundle stranger = new dev.lifecycle.edge.bundle.BundleWriter(TestBundles.STRANGER).write(
        new dev.lifecycle.edge.bundle.BundlePlan(List.of(new dev.lifecycle.edge.bundle.ProfileRef("retail", "1.4.0")),
            List.of(more.pos14()), List.of()), more.images, null, dir.resolve("stranger.tar.zst"));
    JsonObject body = refused(422, "BundleRefused", () -> site.upload(admin, stranger.archive(), null));
    assertThat(body.getString("message")).containsIgnoringCase("key");
  }

  // ---- size and time bounds ----

  @Test
  @DisplayName("03 a Content-Length over the limit: 413 before any of the body is read")
  void oversizedDeclared() {
    refusedRaw(413, "PayloadTooLarge", uploadHead("Content-Length: " + (MAX + 1) + "\r\n"), null,
        Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("03a a Content-Length over the limit and the body sent anyway, as an HTTP client does: the 413 is "
      + "read while the body still comes, all of the body is taken (dropped), and then the connection closes")
  void oversizedDeclaredBodySentAnyway() throws IOException {
    byte[] chunk = new byte[64 * 1024];
    int chunks = 256;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.api.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(uploadHead("Content-Length: " + (long) chunk.length * chunks + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(chunk);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      while (!answer.toString(StandardCharsets.UTF_8).contains("}")) {
        int b = in.read();
        assertThat(b).as("the answer ended early: " + answer).isNotNegative();
        answer.write(b);
      }
      assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 413")
          .containsIgnoringCase("connection: close").contains("\"error\":\"PayloadTooLarge\"");

      // Closed at once, the server's kernel would reset the connection under these writes (16 MiB, more than
      // any socket buffer holds): they fail with "Connection reset" or "Broken pipe".
      for (int i = 1; i < chunks; i++) {
        out.write(chunk);
      }
      out.flush();
      assertThat(in.read()).as("the server closes once the body has come").isEqualTo(-1);
    }
    assertThat(site.api.auditEntries().get(0).reason()).contains("PayloadTooLarge");
  }

  @Test
  @DisplayName("04 a chunked upload growing over the limit: 413 as soon as it does, the body unfinished")
  void oversizedChunked() throws IOException {
    TestBundles more = new TestBundles();
    BuiltBundle big = more.write(dir.resolve("big.tar.zst"), "2.0.0", List.of(more.images.image(TestBundles.POS
        + ":2", more.images.blob(dev.lifecycle.edge.bundle.TestImages.LAYER, (int) MAX * 2))), List.of(), null);
    byte[] archive = Files.readAllBytes(big.archive());
    // a good bundle, cut after the limit and some: the verifier would read on; the limit stops it
    byte[] sent = java.util.Arrays.copyOf(archive, (int) MAX + 32 * 1024);
    refusedRaw(413, "PayloadTooLarge", uploadHead("Transfer-Encoding: chunked\r\n"), chunked(sent, 8192, false),
        Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("05 an upload that stalls: 408 once the idle timeout passes, nothing left in tmp/")
  void stalled() throws IOException {
    byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(v1.archive()), 2000);
    long began = System.nanoTime();
    refusedRaw(408, "RequestTimeout", uploadHead("Content-Length: " + Files.size(v1.archive()) + "\r\n"), start,
        Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("06 a Content-Length just over the limit on a bundle that is otherwise good: 413, nothing kept")
  void oversizedGoodBundle() throws IOException {
    TestBundles more = new TestBundles();
    BuiltBundle big = more.write(dir.resolve("big.tar.zst"), "2.0.0", List.of(more.images.image(TestBundles.POS
        + ":2", more.images.blob(dev.lifecycle.edge.bundle.TestImages.LAYER, (int) MAX))), List.of(), null);
    refused(413, "PayloadTooLarge", () -> site.upload(admin, big.archive(), null));
  }

  // ---- who may upload ----

  @Test
  @DisplayName("07 an upload without a session: 401")
  void noSession() {
    refused(401, "NotLoggedIn", () -> site.api.send("POST", ContentSite.BUNDLES,
        HttpRequest.BodyPublishers.ofByteArray(new byte[100]), "Content-Type", "application/zstd"));
  }

  @Test
  @DisplayName("08 an upload with the session cookie but no CSRF token: 403")
  void cookieWithoutCsrf() {
    refused(403, "CsrfTokenMissing", () -> site.api.send("POST", ContentSite.BUNDLES,
        HttpRequest.BodyPublishers.ofByteArray(new byte[100]), "Content-Type", "application/zstd", "Cookie",
        "edge_site_session=" + admin.token()));
  }

  @Test
  @DisplayName("09 a deletion with the session cookie but no CSRF token: 403, the bundle kept")
  void deleteWithoutCsrf() {
    refused(403, "CsrfTokenMissing", () -> site.api.asCookie(admin, "DELETE", ContentSite.BUNDLES + "/" + heldId,
        null));
  }

  // ---- what is sent ----

  @Test
  @DisplayName("10 an upload as application/json: 415")
  void wrongContentType() {
    refused(415, "UnsupportedMediaType", () -> site.api.send("POST", ContentSite.BUNDLES,
        HttpRequest.BodyPublishers.ofString("{}"), "Content-Type", "application/json", "Authorization",
        "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("11 an upload without a Content-Type: 415")
  void noContentType() {
    refused(415, "UnsupportedMediaType", () -> site.api.send("POST", ContentSite.BUNDLES,
        HttpRequest.BodyPublishers.ofByteArray(new byte[10]), "Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("12 a name label that is not printable text: 400")
  void badName() {
    refused(400, "BadRequest", () -> site.api.send("POST", ContentSite.BUNDLES + "?name=%3Cscript%3E%0A",
        HttpRequest.BodyPublishers.ofByteArray(new byte[10]), "Content-Type", "application/zstd",
        "Authorization", "Bearer " + admin.token()));
  }

  @Test
  @DisplayName("13 an empty upload: 422")
  void emptyUpload() {
    refused(422, "BundleRefused", () -> site.upload(admin, new byte[0]));
  }

  // ---- paths ----

  @Test
  @DisplayName("14 an encoded slash climbing out of a bundle id: 400 BadPath")
  void encodedDotDot() {
    refused(400, "BadPath", () -> site.api.asBearer(admin, "DELETE", ContentSite.BUNDLES + "/..%2f..%2fsession"));
  }

  @Test
  @DisplayName("15 a bundle id that is no digest: 400, for reading and for deleting")
  void notADigest() {
    refused(400, "BadRequest", () -> site.api.asBearer(admin, "DELETE", ContentSite.BUNDLES + "/latest"));
    refused(400, "BadRequest", () -> site.api.asBearer(admin, "GET", ContentSite.BUNDLES + "/sha256:ABC"));
    refused(400, "BadRequest", () -> site.api.asBearer(admin, "DELETE", ContentSite.BUNDLES + "/"
        + heldId.toUpperCase(java.util.Locale.ROOT)));
  }

  @Test
  @DisplayName("16 a digest the site does not hold: 404")
  void unknownDigest() {
    refused(404, "NotFound", () -> site.api.asBearer(admin, "DELETE", ContentSite.BUNDLES + "/sha256:"
        + "0".repeat(64)));
  }

  @Test
  @DisplayName("17 deleting a bundle a cluster uses: 409 naming the cluster")
  void inUse() {
    site.clusterRunning("store-7", "retail-1-5-0", "retail", "1.0.0");
    JsonObject body = refused(409, "Conflict", () -> site.api.asBearer(admin, "DELETE",
        ContentSite.BUNDLES + "/" + heldId));
    assertThat(body.getString("message")).contains("store-7");
  }

  @Test
  @DisplayName("18 garbage collection with a body that is not JSON: 415, nothing collected")
  void gcWithForm() {
    refused(415, "UnsupportedMediaType", () -> site.api.call("POST", SiteApi.PREFIX + "/content/gc", "all=1",
        "Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + admin.token()));
  }
}
