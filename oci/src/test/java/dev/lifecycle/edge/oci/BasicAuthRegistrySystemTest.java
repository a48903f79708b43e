package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The real distribution registry with an htpasswd file (bcrypt); credentials come from Docker config files. */
@Tag("system")
class BasicAuthRegistrySystemTest {

  private static final String PASSWORD = "correct horse";

  @TempDir
  static Path dir;
  static DistributionRegistry registry;
  static ImageReference app;
  static SyntheticContent.MultiArch pushed;

  @BeforeAll
  static void start() throws Exception {
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, "alice:" + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)) + "\n");
    registry = DistributionRegistry.basic(dir, htpasswd);
    app = ImageReference.parse(registry.host() + "/team/app:1");
    pushed = new SyntheticContent(client(config("alice", PASSWORD))).pushMultiArch(app);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
  }

  private static RegistryClient client(Path dockerConfig) {
    return RegistryClient.builder().plainHttp(registry.host()).credentials(DockerConfigCredentials.load(dockerConfig)).build();
  }

  private static Path config(String user, String password) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".json");
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(file, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  @Test
  @DisplayName("When the Docker config holds the right user and password, then the image resolves and its blobs read")
  void rightCredentials() throws Exception {
    RegistryClient client = client(config("alice", PASSWORD));
    ResolvedImage image = client.resolve(app, List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64));
    assertThat(image.digest()).isEqualTo(pushed.index().digest());
    try (var in = client.openBlob(app, pushed.sharedLayer())) {
      assertThat(in.readAllBytes()).hasSize((int) pushed.sharedLayer().size());
    }
  }

  @Test
  @DisplayName("When the password is wrong, then the error names the registry, the user and the config file, not the password")
  void wrongPassword() throws Exception {
    Path file = config("alice", "wrong-secret");
    assertThatThrownBy(() -> client(file).resolve(app, List.of(Platform.LINUX_AMD64)))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage("registry " + registry.host() + " refused pull of team/app to the credentials of user 'alice' from "
            + file + " (auths." + registry.host() + ") (HTTP 401)")
        .message().doesNotContain("wrong-secret");
  }

  @Test
  @DisplayName("When the config has no entry for the registry, then the error says credentials are needed and where we looked")
  void noCredentials() throws Exception {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "{\"auths\":{}}");
    assertThatThrownBy(() -> client(file).fetchManifest(app))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessage("registry " + registry.host() + " requires a user name and password for team/app, and none was found "
            + "(no entry for " + registry.host() + " in " + file + ")");
  }

  @Test
  @DisplayName("When the config keeps credentials in a credential store, then the error names the helper we do not run")
  void credentialStore() throws Exception {
    Path file = dir.resolve("store.json");
    Files.writeString(file, "{\"auths\":{\"" + registry.host() + "\":{}},\"credsStore\":\"secretservice\"}");
    assertThatThrownBy(() -> client(file).fetchManifest(app))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("docker-credential-secretservice (credsStore), which this tool does not run");
  }
}
