package dev.lifecycle.edge.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small images and a Helm chart, pushed through the client under test: a multi-arch OCI index (linux/amd64 and
 * linux/arm64/v8) whose two manifests share one layer, a single-arch Docker v2 image, and an OCI Helm chart.
 * Every pushed blob is remembered by digest, so a test can compare what it pulls with what was pushed.
 */
final class SyntheticContent {

  final Map<Digest, byte[]> blobs = new LinkedHashMap<>();
  private final RegistryClient client;
  private final Random random = new Random(18);

  SyntheticContent(RegistryClient client) {
    this.client = client;
  }

  /** What a pushed multi-arch image is made of. */
  record MultiArch(Descriptor index, Descriptor amd64, Descriptor arm64, Descriptor sharedLayer) {
  }

  MultiArch pushMultiArch(ImageReference reference) throws IOException {
    Descriptor shared = blob(reference, MediaTypes.OCI_LAYER_TAR_GZIP, gzip(randomBytes(3000)));
    Descriptor amd64 = pushImage(byDigest(reference), MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, "amd64", null, shared);
    Descriptor arm64 = pushImage(byDigest(reference), MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, "arm64", "v8", shared);
    String index = """
        {"schemaVersion":2,"mediaType":"%s","manifests":[%s,%s]}""".formatted(MediaTypes.OCI_INDEX,
        entry(amd64, "\"os\":\"linux\",\"architecture\":\"amd64\""),
        entry(arm64, "\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\""));
    Descriptor pushed = client.pushManifest(reference, MediaTypes.OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
    return new MultiArch(pushed, amd64, arm64, shared);
  }

  /** A single-platform Docker v2 schema 2 image for linux/amd64, tagged. */
  Descriptor pushSingleArch(ImageReference reference) throws IOException {
    Descriptor layer = blob(reference, "application/vnd.docker.image.rootfs.diff.tar.gzip", gzip(randomBytes(500)));
    return pushImage(reference, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, "amd64", null, layer);
  }

  /** An OCI Helm chart as {@code helm push} stores it. */
  Descriptor pushChart(ImageReference reference, String name, String version) throws IOException {
    Descriptor config = blob(reference, MediaTypes.HELM_CONFIG,
        ("{\"apiVersion\":\"v2\",\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
    Descriptor chart = blob(reference, MediaTypes.HELM_CHART_CONTENT, gzip(randomBytes(800)));
    return client.pushManifest(reference, MediaTypes.OCI_MANIFEST, manifestJson(MediaTypes.OCI_MANIFEST, config, List.of(chart)));
  }

  /** Pushes a config and a layer of its own, and the manifest (shared layer first) under {@code target}. */
  private Descriptor pushImage(ImageReference target, String manifestType, String configType, String arch, String variant,
      Descriptor shared) throws IOException {
    Descriptor own = blob(target, shared.mediaType(), gzip(randomBytes(1000)));
    String config = "{\"architecture\":\"" + arch + "\"," + (variant != null ? "\"variant\":\"" + variant + "\"," : "")
        + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"config\":{}}";
    Descriptor configDescriptor = blob(target, configType, config.getBytes(StandardCharsets.UTF_8));
    byte[] manifest = manifestJson(manifestType, configDescriptor, List.of(shared, own));
    ImageReference at = target.tag() != null ? target : new ImageReference(target.registry(), target.repository(), null,
        Digest.sha256(manifest));
    return client.pushManifest(at, manifestType, manifest);
  }

  /** The repository, to push a manifest by its digest (the digest is filled in when pushing). */
  private static ImageReference byDigest(ImageReference reference) {
    return new ImageReference(reference.registry(), reference.repository(), null, Digest.sha256(new byte[0]));
  }

  private Descriptor blob(ImageReference reference, String mediaType, byte[] content) {
    Descriptor pushed = client.pushBlob(reference, mediaType, content);
    blobs.put(pushed.digest(), content);
    return pushed;
  }

  private static byte[] manifestJson(String mediaType, Descriptor config, List<Descriptor> layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":"
        + descriptorJson(config) + ",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i > 0 ? "," : "").append(descriptorJson(layers.get(i)));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String entry(Descriptor manifest, String platform) {
    return descriptorJson(manifest).replaceFirst("}$", ",\"platform\":{" + platform + "}}");
  }

  private static String descriptorJson(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    }
    return out.toByteArray();
  }
}
