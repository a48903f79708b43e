package dev.lifecycle.edge.site.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.site.server.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the site API ({@code /api/site/v1}) and the site registry that trusts exactly one certificate, the
 * one whose fingerprint the controller printed (pinned, as an agent pins it from its link token). It logs in with a
 * Bearer token; each call answers the JSON body, or throws {@link SiteApiException} with the site's status, code
 * and message.
 */
public final class SiteApiClient {

  public static final String PREFIX = "/api/site/v1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;
  private String token;

  private SiteApiClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /** A refusal or failure of the site: its status, the JSON {@code error} code and the message. */
  public static final class SiteApiException extends IOException {
    private final int status;
    private final String code;

    SiteApiException(String what, int status, String code, String message) {
      super(what + ": " + status + " " + code + ": " + message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /**
   * A client of the controller at {@code base} trusting the certificate in {@code certificatePem} only when its
   * fingerprint is {@code fingerprint}.
   *
   * @throws IllegalArgumentException when the certificate is not the one of that fingerprint
   */
  public static SiteApiClient pinned(URI base, Path certificatePem, String fingerprint) throws IOException {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(certificatePem)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      if (!Fingerprint.of(certificate).equals(fingerprint)) {
        throw new IllegalArgumentException("the certificate in " + certificatePem + " is "
            + Fingerprint.of(certificate) + ", not the site's " + fingerprint);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("site", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return new SiteApiClient(base, HttpClient.newBuilder().sslContext(context)
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + certificatePem + ": " + e.getMessage(), e);
    }
  }

  public URI base() {
    return base;
  }

  /** Logs in; answers whether the password must be changed first. */
  public boolean login(String user, String password) throws IOException {
    JsonNode session = send("login", post("/session", Map.of("user", user, "password", password)));
    token = session.path("token").asText();
    return session.path("mustChangePassword").asBoolean(false);
  }

  /** Changes the password; the session continues with the new token the answer carries. */
  public void changePassword(String oldPassword, String newPassword) throws IOException {
    JsonNode session = send("password change", post("/password",
        Map.of("oldPassword", oldPassword, "newPassword", newPassword)));
    token = session.path("token").asText();
  }

  /** A new link token: its {@code text} is what a host is given. */
  public JsonNode createLink() throws IOException {
    return send("link token", post("/links", Map.of()));
  }

  /** Whether {@code /readyz} answers 200. */
  public boolean ready() throws IOException {
    return call(get("/readyz"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  public JsonNode definition(String digest) throws IOException {
    return send("definition", get(PREFIX + "/definitions/" + digest));
  }

  public JsonNode bundles() throws IOException {
    return send("bundles", get(PREFIX + "/bundles"));
  }

  public JsonNode hosts() throws IOException {
    return send("hosts", get(PREFIX + "/hosts"));
  }

  public JsonNode audit(int limit) throws IOException {
    return send("audit", get(PREFIX + "/audit?limit=" + limit));
  }

  /** Uploads a signed cluster definition; answers it as the site lists it ({@code digest}, versions, ...). */
  public JsonNode uploadDefinition(Path archive) throws IOException {
    return send("definition upload", upload(PREFIX + "/definitions", archive));
  }

  /** Uploads a content bundle; answers it as the site lists it ({@code id}, {@code delta}, ...). */
  public JsonNode uploadBundle(Path archive, String name) throws IOException {
    return send("bundle upload", upload(PREFIX + "/bundles?name=" + name, archive));
  }

  /** The site's inventory of digests, for a delta bundle (the bytes of {@code site-inventory.json}). */
  public byte[] inventory() throws IOException {
    HttpResponse<byte[]> answer = call(get(PREFIX + "/inventory"), HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() != 200) {
      throw refusal("inventory", answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
    }
    return answer.body();
  }

  /** Creates a cluster: {@code name}, {@code definition}, {@code version}, {@code variables}, {@code hosts}. */
  public JsonNode createCluster(ObjectNode request) throws IOException {
    return send("cluster creation", post("/clusters", request));
  }

  public JsonNode cluster(String name) throws IOException {
    return send("cluster", get(PREFIX + "/clusters/" + name));
  }

  public JsonNode updatePreview(String cluster, ObjectNode request) throws IOException {
    return send("update preview", post("/clusters/" + cluster + "/update-preview", request));
  }

  public JsonNode update(String cluster, ObjectNode request) throws IOException {
    return send("update", post("/clusters/" + cluster + "/update", request));
  }

  /**
   * The digest the site registry serves a manifest under ({@code Docker-Content-Digest}), or the status when it
   * answers another than 200.
   */
  public HttpResponse<byte[]> manifest(String repository, String reference) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/" + repository + "/manifests/" + reference))
        .timeout(TIMEOUT).header("Accept", "application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.oci.image.index.v1+json").GET().build();
    return call(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private HttpRequest.Builder authorized(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpRequest get(String path) {
    return authorized(base.resolve(path)).GET().build();
  }

  private HttpRequest post(String path, Object body) throws IOException {
    return authorized(base.resolve(PREFIX + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
  }

  private HttpRequest upload(String path, Path archive) throws IOException {
    return authorized(base.resolve(path)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofFile(archive)).build();
  }

  private JsonNode send(String what, HttpRequest request) throws IOException {
    HttpResponse<String> answer = call(request, HttpResponse.BodyHandlers.ofString());
    String renewed = answer.headers().firstValue("X-Session-Token").orElse(null);
    if (renewed != null) {
      token = renewed;
    }
    if (answer.statusCode() / 100 != 2) {
      throw refusal(what, answer.statusCode(), answer.body());
    }
    return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
  }

  private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    try {
      return http.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the site", e);
    }
  }

  private static SiteApiException refusal(String what, int status, String body) {
    String code = "Unknown";
    String message = body;
    try {
      JsonNode error = JSON.readTree(body);
      code = error.path("error").asText(code);
      message = error.path("message").asText(body);
    } catch (IOException e) {
      // not JSON: the body as it came
    }
    return new SiteApiException(what, status, code, message);
  }
}
