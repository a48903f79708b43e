package dev.lifecycle.edge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.BlobSource;
import dev.lifecycle.edge.bundle.BundleFormat;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An OCI image layout on disk made of random blobs (incompressible, as gzip-compressed layers are): images of a
 * few layers each, every image's first layer shared with the others, so that a bundle stores it once. Read back
 * as a bundle plan and a blob source over its files.
 */
final class SyntheticLayout {

  static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyntheticLayout() {
  }

  /** Writes about {@code megabytes} MB of blobs (layers of about {@code layerMegabytes} MB) into {@code dir}. */
  static void generate(Path dir, long megabytes, int layerMegabytes, long seed) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    SplittableRandom random = new SplittableRandom(seed);
    long target = megabytes << 20;
    long layerBytes = (long) layerMegabytes << 20;
    Descriptor shared = writeRandomBlob(dir, random, layerBytes);
    long written = shared.size();
    StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(BundleFormat.OCI_INDEX_MEDIA_TYPE).append("\",\"manifests\":[");
    for (int image = 0; written < target; image++) {
      List<Descriptor> layers = new ArrayList<>(List.of(shared));
      for (int layer = 0; layer < 3 && written < target; layer++) {
        long size = Math.max(1, Math.min(target - written, layerBytes / 2 + random.nextLong(layerBytes)));
        Descriptor blob = writeRandomBlob(dir, random, size);
        layers.add(blob);
        written += blob.size();
      }
      Descriptor config = writeBlob(dir, CONFIG, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"image\":" + image
          + "}").getBytes(StandardCharsets.UTF_8));
      StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
          .append(BundleFormat.OCI_MANIFEST_MEDIA_TYPE).append("\",\"config\":").append(json(config))
          .append(",\"layers\":[");
      for (int i = 0; i < layers.size(); i++) {
        manifest.append(i == 0 ? "" : ",").append(json(layers.get(i)));
      }
      Descriptor manifestBlob = writeBlob(dir, BundleFormat.OCI_MANIFEST_MEDIA_TYPE,
          manifest.append("]}").toString().getBytes(StandardCharsets.UTF_8));
      index.append(image == 0 ? "" : ",").append("{\"mediaType\":\"").append(manifestBlob.mediaType())
          .append("\",\"digest\":\"").append(manifestBlob.digest()).append("\",\"size\":").append(manifestBlob.size())
          .append(",\"annotations\":{\"").append(BundleFormat.REF_NAME_ANNOTATION)
          .append("\":\"registry.example/synthetic/image-").append(image).append(":1.0\"}}");
    }
    Files.writeString(dir.resolve("index.json"), index.append("]}").toString());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  /** The layout's images as a bundle plan. */
  static BundlePlan plan(Path dir) throws IOException {
    List<ImagePlan> images = new ArrayList<>();
    for (JsonNode entry : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
      String digest = entry.path("digest").asText();
      byte[] bytes = Files.readAllBytes(dir.resolve(BundleFormat.blobPath(digest)));
      JsonNode manifest = JSON.readTree(bytes);
      List<Descriptor> blobs = new ArrayList<>();
      blobs.add(descriptor(manifest.path("config")));
      manifest.path("layers").forEach(layer -> blobs.add(descriptor(layer)));
      images.add(ImagePlan.single(entry.path("annotations").path(BundleFormat.REF_NAME_ANNOTATION).asText(),
          new InlineManifest(entry.path("mediaType").asText(), bytes), blobs));
    }
    return new BundlePlan(List.of(new ProfileRef("synthetic", "1.0.0")), images, List.of());
  }

  static BlobSource source(Path dir) {
    return blob -> Files.newInputStream(dir.resolve(blob.layoutPath()));
  }

  private static Descriptor descriptor(JsonNode node) {
    return new Descriptor(node.path("mediaType").asText(), node.path("digest").asText(), node.path("size").asLong());
  }

  private static Descriptor writeRandomBlob(Path dir, SplittableRandom random, long size) throws IOException {
    MessageDigest sha256 = sha256();
    Path partial = Files.createTempFile(dir, "blob", ".partial");
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(partial)) {
      for (long left = size; left > 0; ) {
        int chunk = (int) Math.min(buffer.length, left);
        for (int i = 0; i < chunk; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8 && i + b < chunk; b++) {
            buffer[i + b] = (byte) (value >>> (8 * b));
          }
        }
        sha256.update(buffer, 0, chunk);
        out.write(buffer, 0, chunk);
        left -= chunk;
      }
    }
    Descriptor descriptor = new Descriptor(LAYER, "sha256:" + HexFormat.of().formatHex(sha256.digest()), size);
    Files.move(partial, dir.resolve(descriptor.layoutPath()), StandardCopyOption.REPLACE_EXISTING);
    return descriptor;
  }

  private static Descriptor writeBlob(Path dir, String mediaType, byte[] bytes) throws IOException {
    Descriptor descriptor = new Descriptor(mediaType, "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes)),
        bytes.length);
    Files.write(dir.resolve(descriptor.layoutPath()), bytes);
    return descriptor;
  }

  private static String json(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
