package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  private static final Path FILE = Path.of("/home/ops/.docker/config.json");

  private static DockerConfigCredentials parse(String json) {
    return DockerConfigCredentials.parse(FILE, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("When auths holds base64 user:password or username/password, then each registry gets its credential, "
      + "the password may contain ':', and Docker Hub's legacy key means docker.io")
  void auths() {
    DockerConfigCredentials config = parse("""
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "%s"},
          "registry.example:5000": {"username": "bob", "password": "s3cret"},
          "https://ghcr.io": {"auth": "%s"}
        }}""".formatted(b64("alice:pa:ss"), b64("carol:tok")));

    assertThat(config.lookup("docker.io")).isEqualTo(new CredentialLookup.Found(
        new Credential("alice", "pa:ss", FILE + " (auths.https://index.docker.io/v1/)")));
    assertThat(((CredentialLookup.Found) config.lookup("registry.example:5000")).credential().username()).isEqualTo("bob");
    assertThat(((CredentialLookup.Found) config.lookup("ghcr.io")).credential().password()).isEqualTo("tok");
    assertThat(config.lookup("quay.io")).isEqualTo(new CredentialLookup.None("no entry for quay.io in " + FILE));
  }

  @Test
  @DisplayName("When a registry's credentials are in a credential helper or store, then the lookup is unusable and says what to do")
  void helpers() {
    DockerConfigCredentials config = parse("""
        {"auths": {"ghcr.io": {}, "registry.example": {"auth": "%s"}},
         "credHelpers": {"123.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
         "credsStore": "desktop"}""".formatted(b64("u:p")));

    assertThat(config.lookup("123.dkr.ecr.eu-west-1.amazonaws.com")).isInstanceOf(CredentialLookup.Unusable.class)
        .extracting(lookup -> ((CredentialLookup.Unusable) lookup).reason()).asString()
        .contains("docker-credential-ecr-login", "credHelpers in " + FILE, "does not run");
    assertThat(((CredentialLookup.Unusable) config.lookup("ghcr.io")).reason())
        .contains("docker-credential-desktop (credsStore)", "auths.ghcr.io.auth");
    assertThat(config.lookup("registry.example")).isInstanceOf(CredentialLookup.Found.class);
  }

  @Test
  @DisplayName("When the file is broken, then the error names the file and the entry and shows no secret")
  void broken() {
    assertThatThrownBy(() -> parse("{\"auths\": ")).hasMessageContaining(FILE + " is not valid JSON");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("is not a JSON object");
    assertThatThrownBy(() -> parse("{\"auths\": {\"r.example\": {\"auth\": \"%%%\"}}}"))
        .hasMessage("auths.r.example.auth in " + FILE + " is not valid base64");
    assertThatThrownBy(() -> parse("{\"auths\": {\"r.example\": {\"auth\": \"" + b64("nocolonsecret") + "\"}}}"))
        .hasMessage("auths.r.example.auth in " + FILE + " is not base64 of user:password");
    assertThatThrownBy(() -> parse("{\"auths\": {\"r.example\": {\"identitytoken\": \"t\"}}}"))
        .hasMessageContaining("identity token");
  }

  @Test
  @DisplayName("When the file does not exist, then it holds no credentials; the default location follows DOCKER_CONFIG")
  void absent(@TempDir Path dir) throws Exception {
    assertThat(DockerConfigCredentials.load(dir.resolve("none.json")).lookup("docker.io"))
        .isInstanceOf(CredentialLookup.None.class);
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\": {\"r.example\": {\"auth\": \"" + b64("u:p") + "\"}}}");
    assertThat(DockerConfigCredentials.load(file).lookup("r.example")).isInstanceOf(CredentialLookup.Found.class);
    assertThat(DockerConfigCredentials.defaultLocation(Map.of("DOCKER_CONFIG", dir.toString()))).isEqualTo(file);
  }

  @Test
  @DisplayName("When a credential is printed, then the password is not")
  void noSecretInText() {
    Credential credential = new Credential("alice", "hunter2", "test");
    assertThat(credential.toString()).contains("alice").doesNotContain("hunter2");
  }
}
