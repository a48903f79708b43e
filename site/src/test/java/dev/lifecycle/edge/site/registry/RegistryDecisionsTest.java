package dev.lifecycle.edge.site.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The site registry's pure decisions: request paths, byte ranges, Accept negotiation, pagination, names. */
class RegistryDecisionsTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  @DisplayName("The API's paths parse into their requests, names with several components included")
  void paths() {
    assertThat(DistributionRequest.parse("/v2/")).isEqualTo(new DistributionRequest.Base());
    assertThat(DistributionRequest.parse("/v2")).isEqualTo(new DistributionRequest.Base());
    assertThat(DistributionRequest.parse("/v2/_catalog")).isEqualTo(new DistributionRequest.Catalog());
    assertThat(DistributionRequest.parse("/v2/retail/pos/tags/list"))
        .isEqualTo(new DistributionRequest.Tags("retail/pos"));
    assertThat(DistributionRequest.parse("/v2/retail/pos/manifests/1.4"))
        .isEqualTo(new DistributionRequest.Manifest("retail/pos", "1.4", null));
    assertThat(DistributionRequest.parse("/v2/a/b/c/manifests/" + DIGEST))
        .isEqualTo(new DistributionRequest.Manifest("a/b/c", null, DIGEST));
    assertThat(DistributionRequest.parse("/v2/library/nginx/blobs/" + DIGEST))
        .isEqualTo(new DistributionRequest.Blob("library/nginx", DIGEST));
    assertThat(DistributionRequest.parse("/v2/x/manifests/blobs/" + DIGEST))
        .isEqualTo(new DistributionRequest.Blob("x/manifests", DIGEST));
  }

  static List<String> badNamePaths() {
    return List.of("/v2/../etc/passwd/blobs/x", "/v2/retail/../../blobs/" + DIGEST, "/v2/retail/%2e%2e/tags/list",
        "/v2/Retail/pos/tags/list", "/v2/retail//pos/manifests/1", "/v2/retail/./pos/manifests/1",
        "/v2/retail\\pos/manifests/1", "/v2/-pos/manifests/1");
  }

  static List<String> badDigestValues() {
    return List.of("sha256:abc", "sha256:" + "AB" + "ab".repeat(31), "md5:0123", "sha512:" + "a".repeat(128),
        "sha256:" + "a".repeat(63) + "/x", "sha256:", ":abc");
  }

  @ParameterizedTest
  @MethodSource("badNamePaths")
  @DisplayName("Path tricks and names outside the spec's grammar: 400 NAME_INVALID")
  void badNames(String path) {
    assertThat(DistributionRequest.parse(path)).isInstanceOfSatisfying(DistributionRequest.Refused.class, refused -> {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("NAME_INVALID");
    });
  }

  @ParameterizedTest
  @MethodSource("badDigestValues")
  @DisplayName("Malformed and unsupported digests: 400 DIGEST_INVALID")
  void badDigests(String digest) {
    assertThat(DistributionRequest.parse("/v2/retail/pos/blobs/" + digest))
        .isInstanceOfSatisfying(DistributionRequest.Refused.class, refused -> {
          assertThat(refused.status()).isEqualTo(400);
          assertThat(refused.code()).isIn("DIGEST_INVALID", "NAME_INVALID");
        });
    assertThat(DistributionRequest.parse("/v2/retail/pos/manifests/" + digest))
        .isInstanceOf(DistributionRequest.Refused.class);
  }

  @Test
  @DisplayName("A malformed tag: 400 TAG_INVALID; an unknown path: 404; an upload path: 405")
  void otherRefusals() {
    assertThat(DistributionRequest.parse("/v2/retail/pos/manifests/.hidden"))
        .isEqualTo(new DistributionRequest.Refused(400, "TAG_INVALID", "\".hidden\" is neither a tag (letters, digits, "
            + "'_', '.', '-'; at most 128; not starting with '.' or '-') nor a digest"));
    assertThat(((DistributionRequest.Refused) DistributionRequest.parse("/v2/retail/pos")).status()).isEqualTo(404);
    assertThat(((DistributionRequest.Refused) DistributionRequest.parse("/v3/x")).status()).isEqualTo(404);
    assertThat(((DistributionRequest.Refused) DistributionRequest.parse("/v2/retail/pos/blobs/uploads/")).status())
        .isEqualTo(405);
  }

  @Test
  @DisplayName("Byte ranges: first-last, open-ended, suffix, clamped to the end; several ranges serve the whole blob")
  void ranges() {
    assertThat(ByteRange.of(null, 100)).isEqualTo(new ByteRange.Whole());
    assertThat(ByteRange.of("bytes=0-9", 100)).isEqualTo(new ByteRange.Part(0, 9));
    assertThat(ByteRange.of("bytes=90-", 100)).isEqualTo(new ByteRange.Part(90, 99));
    assertThat(ByteRange.of("bytes=-10", 100)).isEqualTo(new ByteRange.Part(90, 99));
    assertThat(ByteRange.of("bytes=-1000", 100)).isEqualTo(new ByteRange.Part(0, 99));
    assertThat(ByteRange.of("bytes=50-1000", 100)).isEqualTo(new ByteRange.Part(50, 99));
    assertThat(ByteRange.of("bytes=0-1,5-6", 100)).isEqualTo(new ByteRange.Whole());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=200-300", "bytes=9-3", "bytes=-0", "items=0-1", "bytes=a-b", "bytes=-",
      "bytes=99999999999999999999-"})
  @DisplayName("Ranges past the end, reversed, empty or malformed: unsatisfiable (416)")
  void badRanges(String header) {
    assertThat(ByteRange.of(header, 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  @DisplayName("Accept: no header or */* accepts all; otherwise the exact type or type/*, never one with q=0")
  void accept() {
    String oci = "application/vnd.oci.image.manifest.v1+json";
    String docker = "application/vnd.docker.distribution.manifest.v2+json";
    assertThat(AcceptHeader.accepts(List.of(), oci)).isTrue();
    assertThat(AcceptHeader.accepts(List.of("*/*"), oci)).isTrue();
    assertThat(AcceptHeader.accepts(List.of(docker + ", " + oci + ";q=0.5"), oci)).isTrue();
    assertThat(AcceptHeader.accepts(List.of(docker, oci), oci)).isTrue();
    assertThat(AcceptHeader.accepts(List.of("application/*"), oci)).isTrue();
    assertThat(AcceptHeader.accepts(List.of(docker), oci)).isFalse();
    assertThat(AcceptHeader.accepts(List.of(oci + ";q=0"), oci)).isFalse();
  }

  @Test
  @DisplayName("Pagination: n entries after last, the next page's last given while more remain; n not a number "
      + "refused")
  void pagination() {
    List<String> tags = List.of("1.0", "1.1", "1.2", "2.0");
    assertThat(Pagination.page(tags, null, null)).isEqualTo(new Pagination.Page(tags, null));
    assertThat(Pagination.page(tags, "2", null)).isEqualTo(new Pagination.Page(List.of("1.0", "1.1"), "1.1"));
    assertThat(Pagination.page(tags, "2", "1.1")).isEqualTo(new Pagination.Page(List.of("1.2", "2.0"), null));
    assertThat(Pagination.page(tags, null, "1.15")).isEqualTo(new Pagination.Page(List.of("1.2", "2.0"), null));
    assertThat(Pagination.page(tags, "0", null)).isEqualTo(new Pagination.Page(List.of(), null));
    assertThatThrownBy(() -> Pagination.page(tags, "-1", null)).hasMessageContaining("n=-1");
    assertThatThrownBy(() -> Pagination.page(tags, "ten", null)).hasMessageContaining("n=ten");
  }

  @Test
  @DisplayName("Names: a reference's repository path without its registry host; Docker Hub's library/; charts' oci://")
  void names() {
    assertThat(SiteName.of("registry.example.com/retail/pos:1.4")).contains(new SiteName("retail/pos", "1.4"));
    assertThat(SiteName.of("docker.io/library/nginx:1.27")).contains(new SiteName("library/nginx", "1.27"));
    assertThat(SiteName.of("nginx")).contains(new SiteName("library/nginx", "latest"));
    assertThat(SiteName.of("localhost:5000/a/b:2")).contains(new SiteName("a/b", "2"));
    assertThat(SiteName.of("oci://registry.example.com/charts/web:1.0.0"))
        .contains(new SiteName("charts/web", "1.0.0"));
    assertThat(SiteName.of("registry.example.com/retail/pos@" + DIGEST)).contains(new SiteName("retail/pos", null));
    assertThat(SiteName.of("Not A Reference")).isEmpty();
  }
}
