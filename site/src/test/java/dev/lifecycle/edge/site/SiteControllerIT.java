package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.Fingerprint;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.wire.LinkToken;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site controller on a temporary data directory and a free loopback port, as a host and a person reach it. */
class SiteControllerIT {

  private static final String LOOPBACK = "127.0.0.1";

  @TempDir
  Path dir;

  private SiteOptions options() {
    return SiteOptions.defaults(dir.resolve("data"), "store-0042").withListen(new ListenAddress(LOOPBACK, 0));
  }

  @Test
  @DisplayName("When the site controller starts without a certificate, then it serves a self-signed one whose "
      + "fingerprint it tells, is ready, answers unknown site paths with a JSON 404, and a simulated agent registers "
      + "through the gateway on the same port")
  void servesTheGatewayOnItsOnePort() throws Exception {
    try (SiteController site = SiteController.start(options(), SiteStore.IN_MEMORY, SiteMounts.NONE)) {
      X509Certificate served = servedCertificate(site.port());
      assertThat(Fingerprint.of(served)).isEqualTo(site.identity().fingerprint()).matches("sha256:[0-9a-f]{64}");
      assertThat(site.identity().url()).isEqualTo(URI.create("https://" + LOOPBACK + ":" + site.port()));
      new LinkToken(site.identity().url(), site.identity().fingerprint(), site.identity().siteName(), "site", "t",
          "secret", Instant.now().getEpochSecond() + 120);
      Path key = dir.resolve("data/tls/" + CertificateFiles.KEY);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

      HttpClient http = trusting(dir.resolve("data/tls/" + CertificateFiles.CERTIFICATE));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(get(http, site, "/readyz").statusCode()).isEqualTo(200));
      assertThat(get(http, site, "/healthz").body()).isEqualTo("ok\n");
      assertThat(get(http, site, "/metrics").body()).contains("edge_operator_leader 1.0");
      for (String path : new String[] {"/api/site/v1/clusters", "/v2/", "/"}) {
        HttpResponse<String> answer = get(http, site, path);
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(answer.body()).contains("\"error\":\"NotFound\"").contains("no such path '" + path + "'");
      }
      assertThat(get(http, site, "/v1/nothing").body()).as("the gateway's own 404")
          .contains("the gateway serves POST /v1/register");

      String token = createToken(site);
      await().atMost(Duration.ofSeconds(20)).until(() -> site.gatewayKnowsToken(token));
      Secret secret = site.client().secrets().inNamespace("site").withName("first-hosts").get();
      String userData = new String(Base64.getDecoder().decode(secret.getData().get("user-data")),
          StandardCharsets.UTF_8);
      assertThat(userData).as("installer user-data names the site's URL and its certificate as the gateway's CA")
          .contains(site.identity().url().toString()).contains("BEGIN CERTIFICATE");
      try (FleetSimulator fleet = FleetSimulator.builder(site.identity().url(), token).hosts(1)
          .machineIdPrefix("site-host").pollInterval(Duration.ofMillis(200))
          .caCert(dir.resolve("data/tls/" + CertificateFiles.CERTIFICATE)).build()) {
        fleet.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.counters().registered() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(site.client().resources(EdgeHost.class).inNamespace("site").list().getItems())
                .extracting(host -> host.getSpec().getMachineId()).containsExactly("site-host-0"));
      }
    }
  }

  @Test
  @DisplayName("When a site controller restarts on the same data directory, then it serves the same certificate; "
      + "while one runs, a second one on that directory is refused")
  void keepsItsCertificateAndItsDirectory() throws Exception {
    String first;
    try (SiteController site = SiteController.start(options(), SiteStore.IN_MEMORY, SiteMounts.NONE)) {
      first = Fingerprint.of(servedCertificate(site.port()));
      assertThatThrownBy(() -> SiteController.start(options(), SiteStore.IN_MEMORY, SiteMounts.NONE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another site controller (process " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining(dir.resolve("data").toString());
      assertThat(servedCertificate(site.port())).as("the first one still serves").isNotNull();
    }
    try (SiteController again = SiteController.start(options(), SiteStore.IN_MEMORY, SiteMounts.NONE)) {
      assertThat(Fingerprint.of(servedCertificate(again.port()))).isEqualTo(first)
          .isEqualTo(again.identity().fingerprint());
    }
  }

  private static String createToken(SiteController site) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("first-hosts").withNamespace("site").build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("1h");
    token.setSpec(spec);
    site.client().resource(token).create();
    AtomicReference<String> value = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      Secret secret = site.client().secrets().inNamespace("site").withName("first-hosts").get();
      if (secret == null || secret.getData() == null || !secret.getData().containsKey("token")) {
        return false;
      }
      value.set(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8));
      return true;
    });
    return value.get();
  }

  private static HttpResponse<String> get(HttpClient http, SiteController site, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://" + LOOPBACK + ":" + site.port() + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The certificate the port presents, read without trusting it first (as a technician's browser shows it). */
  static X509Certificate servedCertificate(int port) throws Exception {
    AtomicReference<X509Certificate> seen = new AtomicReference<>();
    TrustManager capture = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen.set(chain[0]);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {capture}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(LOOPBACK, port)) {
      socket.startHandshake();
    }
    return seen.get();
  }

  /** A client that trusts exactly the site's certificate, checking the host name against it. */
  static HttpClient trusting(Path certificatePem) throws Exception {
    X509Certificate certificate;
    try (var in = Files.newInputStream(certificatePem)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("site", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }
}
