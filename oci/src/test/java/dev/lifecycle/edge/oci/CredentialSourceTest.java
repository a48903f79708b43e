package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialSourceTest {

  private static final Credential EXPLICIT = new Credential("ci", "token", "--registry-credentials");
  private static final DockerConfigCredentials CONFIG = DockerConfigCredentials.parse(Path.of("config.json"),
      "{\"auths\":{\"a.example\":{\"username\":\"u\",\"password\":\"p\"}},\"credHelpers\":{\"b.example\":\"gcloud\"}}"
          .getBytes(StandardCharsets.UTF_8));

  @Test
  @DisplayName("When sources are chained, then the first that knows a registry answers, an unusable entry included, "
      + "and when none does every place searched is named")
  void firstOf() {
    CredentialSource chain = CredentialSource.firstOf(List.of(CredentialSource.of(Map.of("a.example", EXPLICIT)), CONFIG));

    assertThat(chain.lookup("a.example")).isEqualTo(new CredentialLookup.Found(EXPLICIT));
    assertThat(chain.lookup("b.example")).isInstanceOf(CredentialLookup.Unusable.class);
    assertThat(chain.lookup("c.example")).isEqualTo(new CredentialLookup.None(
        "no credentials were given for c.example; no entry for c.example in config.json"));
    assertThat(CredentialSource.firstOf(List.of()).lookup("c.example")).isInstanceOf(CredentialLookup.None.class);
  }
}
