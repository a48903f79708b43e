package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real distribution registry over TLS with a certificate of our own CA, and a bearer-token realm served by
 * {@link TokenServer}: alice may push, anyone may pull.
 */
@Tag("system")
class TokenAuthRegistrySystemTest {

  private static final String PASSWORD = "alices-secret";

  @TempDir
  static Path dir;
  static TestPki pki;
  static TokenServer tokens;
  static DistributionRegistry registry;
  static ImageReference app;
  static SyntheticContent.MultiArch pushed;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(dir, "edge-test");
    tokens = new TokenServer(pki, Map.of("alice", PASSWORD));
    registry = DistributionRegistry.token(dir, tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, pki);
    app = ImageReference.parse(registry.host() + "/edge/app:2.0");
    pushed = new SyntheticContent(client(new Credential("alice", PASSWORD, "the test"))).pushMultiArch(app);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    tokens.close();
  }

  private static RegistryClient client(Credential credential) {
    RegistryClient.Builder builder = RegistryClient.builder().caCertificates(pki.trust());
    if (credential != null) {
      builder.credentials(CredentialSource.of(Map.of(registry.host(), credential)));
    }
    return builder.build();
  }

  @Test
  @DisplayName("When an anonymous client pulls over TLS with the private CA, then it gets a pull token once and reuses it "
      + "for the index, the manifests and the blobs of that repository")
  void anonymousPullWithCachedToken() throws Exception {
    RegistryClient client = client(null);
    int before = tokens.issued.get();

    ResolvedImage image = client.resolve(app, List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
    for (Descriptor blob : image.blobs()) {
      try (InputStream in = client.openBlob(app, blob)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    client.resolve(app, List.of(Platform.LINUX_ARM64));

    assertThat(image.digest()).isEqualTo(pushed.index().digest());
    assertThat(image.manifests()).hasSize(2);
    assertThat(tokens.issued.get() - before).as("tokens issued for one repository and scope").isEqualTo(1);
  }

  @Test
  @DisplayName("When alice's password is wrong, then the token service's refusal names it, the registry and the credential's source")
  void wrongPassword() {
    assertThatThrownBy(() -> client(new Credential("alice", "nope", "the test")).fetchManifest(app))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage("the token service " + tokens.realm() + " of registry " + registry.host()
            + " refused the credentials of user 'alice' from the test (HTTP 401)");
  }

  @Test
  @DisplayName("When an anonymous client pushes, then the registry's refusal names the repository and anonymous access")
  void anonymousPushRefused() {
    ImageReference target = ImageReference.parse(registry.host() + "/edge/other:1");
    assertThatThrownBy(() -> client(null).pushBlob(target, "application/octet-stream", new byte[] {1, 2, 3}))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage("registry " + registry.host() + " refused push of edge/other to anonymous access "
            + "(no credentials were configured) (HTTP 401)");
  }

  @Test
  @DisplayName("When the client does not trust the registry's CA, then the error says TLS failed and asks about the CA")
  void untrustedCertificate() {
    RegistryClient client = RegistryClient.builder().retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1))).build();
    assertThatThrownBy(() -> client.fetchManifest(app))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("TLS with registry " + registry.host() + " (GET https://" + registry.host()
            + "/v2/edge/app/manifests/2.0) failed (is its CA among the trusted CA certificates?)");
  }
}
