package dev.lifecycle.edge.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a manifest or index from the bytes a registry served. Pure: no I/O beyond the bytes given. */
public final class ManifestParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestParser() {
  }

  /**
   * @param contentType the Content-Type the registry sent, used when the document has no mediaType field
   * @param source      what the bytes are, for error messages (the reference)
   */
  public static ManifestContent parse(byte[] raw, String contentType, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(raw);
    } catch (IOException e) {
      throw new RegistryException("the manifest of " + source + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("the manifest of " + source + " is not a JSON object");
    }
    String mediaType = text(root, "mediaType");
    if (mediaType == null) {
      mediaType = contentType == null ? null : contentType.split(";")[0].strip();
    }
    if (mediaType == null || !MediaTypes.isIndex(mediaType) && !MediaTypes.isManifest(mediaType)) {
      // The OCI spec lets mediaType be absent; the shape tells then.
      if (root.has("manifests")) {
        mediaType = MediaTypes.OCI_INDEX;
      } else if (root.has("config") && root.has("layers")) {
        mediaType = MediaTypes.OCI_MANIFEST;
      } else if (MediaTypes.DOCKER_SCHEMA1.equals(mediaType) || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(mediaType)
          || root.has("fsLayers")) {
        throw new RegistryException(source + " is a Docker schema 1 manifest, which is deprecated and not supported");
      } else {
        throw new RegistryException("the manifest of " + source + " has an unknown media type " + mediaType);
      }
    }
    Descriptor self = new Descriptor(mediaType, Digest.sha256(raw), raw.length);
    try {
      if (MediaTypes.isIndex(mediaType)) {
        return new ImageIndex(self, raw, descriptors(root.get("manifests"), "manifests"));
      }
      JsonNode config = root.get("config");
      if (config == null || !config.isObject()) {
        throw new IllegalArgumentException("no config");
      }
      return new ImageManifest(self, raw, descriptor(config), descriptors(root.get("layers"), "layers"));
    } catch (IllegalArgumentException e) {
      throw new RegistryException("the manifest of " + source + " is invalid: " + e.getMessage());
    }
  }

  private static List<Descriptor> descriptors(JsonNode array, String field) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(field + " is not a list");
    }
    List<Descriptor> descriptors = new ArrayList<>(array.size());
    array.forEach(entry -> descriptors.add(descriptor(entry)));
    return descriptors;
  }

  static Descriptor descriptor(JsonNode node) {
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong()) {
      throw new IllegalArgumentException("a descriptor without a size (digest " + text(node, "digest") + ")");
    }
    JsonNode platform = node.get("platform");
    Platform parsed = null;
    if (platform != null && platform.isObject()) {
      parsed = new Platform(text(platform, "os"), text(platform, "architecture"), text(platform, "variant"));
    }
    return new Descriptor(text(node, "mediaType"), Digest.parse(text(node, "digest")), size.asLong(), parsed);
  }

  /** The platform an image config declares ({@code os}, {@code architecture}, {@code variant}). */
  public static Platform configPlatform(byte[] config, String source) {
    try {
      JsonNode root = JSON.readTree(config);
      return new Platform(text(root, "os"), text(root, "architecture"), text(root, "variant"));
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException("the image config of " + source + " names no valid platform: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
