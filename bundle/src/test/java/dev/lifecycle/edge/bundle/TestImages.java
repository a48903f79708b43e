package dev.lifecycle.edge.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small synthetic images and charts, their blobs held by a map that serves as the blob source. Public, in the
 * test-jar, for the site module's tests of its content store and registry.
 */
public final class TestImages implements BlobSource {

  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";

  public final Map<String, byte[]> blobs = new HashMap<>();
  final List<String> opened = new ArrayList<>();
  private final Random random;

  public TestImages() {
    this(42);
  }

  /** Blobs of another seed differ from those of the default one: two sources that share nothing. */
  public TestImages(long seed) {
    this.random = new Random(seed);
  }

  public Descriptor blob(String mediaType, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return blob(mediaType, bytes);
  }

  public Descriptor blob(String mediaType, byte[] bytes) {
    Descriptor descriptor = new Descriptor(mediaType, BundleAssembly.sha256(bytes), bytes.length);
    blobs.put(descriptor.digest(), bytes);
    return descriptor;
  }

  public static InlineManifest manifest(Descriptor config, List<Descriptor> layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(BundleFormat.OCI_MANIFEST_MEDIA_TYPE).append("\",\"config\":").append(json(config))
        .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",").append(json(layers.get(i)));
    }
    return new InlineManifest(BundleFormat.OCI_MANIFEST_MEDIA_TYPE,
        json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An index with one manifest per platform ("linux/amd64", "linux/arm/v7"). */
  public static InlineManifest index(Map<String, InlineManifest> byPlatform) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
        .append(BundleFormat.OCI_INDEX_MEDIA_TYPE).append("\",\"manifests\":[");
    String separator = "";
    for (Map.Entry<String, InlineManifest> entry : byPlatform.entrySet()) {
      String[] parts = entry.getKey().split("/");
      Descriptor descriptor = entry.getValue().descriptor();
      json.append(separator).append("{\"mediaType\":\"").append(descriptor.mediaType()).append("\",\"digest\":\"")
          .append(descriptor.digest()).append("\",\"size\":").append(descriptor.size())
          .append(",\"platform\":{\"os\":\"").append(parts[0]).append("\",\"architecture\":\"").append(parts[1])
          .append(parts.length > 2 ? "\",\"variant\":\"" + parts[2] : "").append("\"}}");
      separator = ",";
    }
    return new InlineManifest(BundleFormat.OCI_INDEX_MEDIA_TYPE,
        json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String json(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }

  /** A single-platform image with a config and the given layers. */
  public ImagePlan image(String reference, Descriptor... layers) {
    Descriptor config = blob(CONFIG, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"ref\":\"" + reference + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    List<Descriptor> all = new ArrayList<>(List.of(layers));
    all.add(0, config);
    return ImagePlan.single(reference, manifest(config, List.of(layers)), all);
  }

  @Override
  public ByteArrayInputStream open(Descriptor blob) throws IOException {
    byte[] bytes = blobs.get(blob.digest());
    if (bytes == null) {
      throw new IOException("no blob " + blob.digest());
    }
    opened.add(blob.digest());
    return new ByteArrayInputStream(bytes);
  }
}
