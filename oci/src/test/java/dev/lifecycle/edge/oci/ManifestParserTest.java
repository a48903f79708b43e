package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static ManifestContent parse(String json, String contentType) {
    return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), contentType, "r.example/app:1");
  }

  @Test
  @DisplayName("When a Docker manifest list is read, then its entries carry platforms and its descriptor the digest of the bytes")
  void dockerList() {
    String json = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
          {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":7,
           "platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}""".formatted(A);
    ImageIndex index = (ImageIndex) parse(json, "application/json");
    assertThat(index.manifests()).containsExactly(new Descriptor(MediaTypes.DOCKER_MANIFEST, Digest.parse(A), 7,
        Platform.parse("linux/arm64/v8")));
    assertThat(index.descriptor().digest()).isEqualTo(Digest.sha256(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(index.raw()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("When an OCI manifest has no mediaType field, then the Content-Type or its shape tells what it is")
  void ociManifest() {
    String json = """
        {"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"%s","size":3},
         "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"%s","size":9}]}"""
        .formatted(A, B);
    ImageManifest manifest = (ImageManifest) parse(json, null);
    assertThat(manifest.descriptor().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.isImage()).isFalse();
    assertThat(manifest.blobs()).extracting(Descriptor::digest).containsExactly(Digest.parse(A), Digest.parse(B));
  }

  @Test
  @DisplayName("When a manifest is schema 1, not JSON, or has a broken descriptor, then the error names the reference")
  void rejects() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\":1,\"fsLayers\":[]}", MediaTypes.DOCKER_SCHEMA1_SIGNED))
        .hasMessage("r.example/app:1 is a Docker schema 1 manifest, which is deprecated and not supported");
    assertThatThrownBy(() -> parse("nope", null)).hasMessageContaining("the manifest of r.example/app:1 is not valid JSON");
    assertThatThrownBy(() -> parse("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"x\","
        + "\"digest\":\"sha256:12\",\"size\":1},\"layers\":[]}", null))
        .hasMessageContaining("the manifest of r.example/app:1 is invalid: invalid digest 'sha256:12'");
    assertThatThrownBy(() -> parse("{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"x\","
        + "\"digest\":\"" + A + "\"}]}", null))
        .hasMessageContaining("without a size");
  }

  @Test
  @DisplayName("When an image config is read, then its os, architecture and variant are the platform")
  void configPlatform() {
    assertThat(ManifestParser.configPlatform("{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\",\"rootfs\":{}}"
        .getBytes(StandardCharsets.UTF_8), "x")).isEqualTo(Platform.parse("linux/arm/v7"));
    assertThatThrownBy(() -> ManifestParser.configPlatform("{}".getBytes(StandardCharsets.UTF_8), "r.example/app:1"))
        .hasMessageContaining("the image config of r.example/app:1 names no valid platform");
  }
}
