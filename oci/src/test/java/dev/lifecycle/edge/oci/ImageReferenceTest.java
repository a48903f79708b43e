package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "nginx,                                docker.io/library/nginx:latest",
      "nginx:1.27,                           docker.io/library/nginx:1.27",
      "bitnami/redis,                        docker.io/bitnami/redis:latest",
      "docker.io/nginx,                      docker.io/library/nginx:latest",
      "index.docker.io/library/nginx:1,      docker.io/library/nginx:1",
      "registry-1.docker.io/library/nginx,   docker.io/library/nginx:latest",
      "ghcr.io/org/team/app:v1.2.3,          ghcr.io/org/team/app:v1.2.3",
      "localhost/app,                        localhost/app:latest",
      "localhost:5000/app:dev,               localhost:5000/app:dev",
      "127.0.0.1:5000/a/b,                   127.0.0.1:5000/a/b:latest",
      "registry.example:443/a__b/c-d.e,      registry.example:443/a__b/c-d.e:latest",
      "quay.io/app:Tag_1.x-2,                quay.io/app:Tag_1.x-2",
  })
  @DisplayName("When a reference is short or written differently, then it is normalised as docker normalises it")
  void normalises(String text, String expected) {
    assertThat(ImageReference.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  @DisplayName("When a reference has a digest, with or without a tag, then both are kept and the digest is what is fetched")
  void digests() {
    ImageReference byDigest = ImageReference.parse("registry.example:5000/app@" + DIGEST);
    assertThat(byDigest.tag()).isNull();
    assertThat(byDigest.digest()).hasToString(DIGEST);
    assertThat(byDigest.manifestReference()).isEqualTo(DIGEST);
    assertThat(byDigest.registry()).isEqualTo("registry.example:5000");

    ImageReference both = ImageReference.parse("nginx:1.27@" + DIGEST);
    assertThat(both.tag()).isEqualTo("1.27");
    assertThat(both.manifestReference()).isEqualTo(DIGEST);
    assertThat(both).hasToString("docker.io/library/nginx:1.27@" + DIGEST);
  }

  @Test
  @DisplayName("When the reference names Docker Hub, then the API host is registry-1.docker.io; other registries serve their own")
  void apiHost() {
    assertThat(ImageReference.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("localhost:5000/x").apiHost()).isEqualTo("localhost:5000");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "''|empty",
      "Nginx|repository names must be lower case ('Nginx')",
      "registry.example/App:1|repository names must be lower case ('App')",
      "nginx:|invalid tag ''",
      "nginx:-bad|invalid tag '-bad'",
      "nginx@sha256:abc|invalid digest 'sha256:abc'",
      "nginx@md5:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "|invalid digest",
      "registry.example/|no repository name",
      "registry.example//a|an empty path component",
      "registry.example:99999/a|invalid registry host 'registry.example:99999'",
      "https://registry.example/a|has no scheme",
      "a/b_-c|invalid path component 'b_-c'",
      "' nginx'|white space",
  })
  @DisplayName("When a reference is invalid, then the error names it and what is wrong")
  void rejects(String text, String problem) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining(problem);
  }

  @Test
  @DisplayName("When a reference is pinned to a digest, then the repository and tag stay")
  void withDigest() {
    ImageReference pinned = ImageReference.parse("ghcr.io/a/b:1").withDigest(Digest.parse(DIGEST));
    assertThat(pinned).hasToString("ghcr.io/a/b:1@" + DIGEST);
  }
}
