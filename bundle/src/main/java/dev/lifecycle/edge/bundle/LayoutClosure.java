package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether an image's or chart's plan is complete: every blob its manifests name is planned (or held by the
 * site, for a delta), with the size the manifest says. For an image index, the manifests of the planned
 * platforms are needed (all of them when no platform is named); the other entries of the index may be absent,
 * so that a bundle keeps the registry's index, and its digest, while holding only the platforms a site runs.
 */
final class LayoutClosure {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String what;
  private final List<String> platforms;
  private final Map<String, InlineManifest> manifests;
  private final Map<String, Descriptor> blobs;
  private final SiteInventory base;

  /**
   * @param what      "image REF" or "chart REF", for messages
   * @param manifests the artifact's inline manifests by digest
   * @param blobs     the artifact's planned blobs by digest
   */
  LayoutClosure(String what, List<String> platforms, Map<String, InlineManifest> manifests,
      Map<String, Descriptor> blobs, SiteInventory base) {
    this.what = what;
    this.platforms = platforms;
    this.manifests = manifests;
    this.blobs = blobs;
    this.base = base;
  }

  /** @throws IllegalArgumentException naming the artifact and the first missing or inconsistent blob */
  void check(InlineManifest top) {
    visit(top, top.descriptor().mediaType(), 0);
  }

  private void visit(InlineManifest manifest, String mediaType, int depth) {
    if (depth > 2) {
      throw new IllegalArgumentException(what + ": image indexes nested deeper than two levels");
    }
    JsonNode root = parse(manifest);
    if (BundleFormat.isIndex(mediaType)) {
      visitIndex(manifest, root, depth);
    } else if (BundleFormat.isManifest(mediaType) || root.has("layers")) {
      requireBlob(root.path("config"), "config", manifest);
      for (JsonNode layer : root.path("layers")) {
        if (layer.path("urls").isArray() && !layer.path("urls").isEmpty() && !present(layer)) {
          continue; // a non-distributable layer: the runtime fetches it from its URLs, registries do not serve it
        }
        requireBlob(layer, "layer", manifest);
      }
    } else {
      throw new IllegalArgumentException(what + ": manifest " + manifest.digest() + " has media type " + mediaType
          + ", which is neither an OCI/Docker image manifest nor an image index");
    }
  }

  private void visitIndex(InlineManifest index, JsonNode root, int depth) {
    List<String> unmatched = new ArrayList<>(platforms);
    for (JsonNode entry : root.path("manifests")) {
      JsonNode platform = entry.get("platform");
      boolean wanted = platforms.isEmpty();
      for (String candidate : platforms) {
        if (Platforms.matches(candidate, platform)) {
          wanted = true;
          unmatched.remove(candidate);
        }
      }
      if (!wanted) {
        continue;
      }
      Descriptor child = descriptor(entry, "manifest for " + Platforms.describe(platform), index);
      InlineManifest inline = manifests.get(child.digest());
      if (inline != null) {
        if (inline.bytes().length != child.size()) {
          throw new IllegalArgumentException(what + ": index " + index.digest() + " says manifest " + child.digest()
              + " is " + child.size() + " bytes, the plan's is " + inline.bytes().length);
        }
        visit(inline, child.mediaType(), depth + 1);
      } else if (base == null || !base.contains(child.digest())) {
        throw new IllegalArgumentException(what + ": the manifest for " + Platforms.describe(platform) + " ("
            + child.digest() + ") is missing from the plan");
      }
    }
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException(what + ": its index " + index.digest() + " has no manifest for "
          + String.join(", ", unmatched));
    }
  }

  private boolean present(JsonNode descriptor) {
    String digest = descriptor.path("digest").asText();
    return blobs.containsKey(digest) || manifests.containsKey(digest);
  }

  private void requireBlob(JsonNode node, String role, InlineManifest manifest) {
    Descriptor named = descriptor(node, role, manifest);
    Descriptor planned = blobs.get(named.digest());
    long plannedSize;
    if (planned != null) {
      plannedSize = planned.size();
    } else if (manifests.containsKey(named.digest())) {
      plannedSize = manifests.get(named.digest()).bytes().length;
    } else if (base != null && base.contains(named.digest())) {
      return;
    } else {
      throw new IllegalArgumentException(what + ": manifest " + manifest.digest() + " names " + role + " "
          + named.digest() + ", which is missing from the plan");
    }
    if (plannedSize != named.size()) {
      throw new IllegalArgumentException(what + ": manifest " + manifest.digest() + " says " + role + " "
          + named.digest() + " is " + named.size() + " bytes, the plan says " + plannedSize);
    }
  }

  private Descriptor descriptor(JsonNode node, String role, InlineManifest manifest) {
    try {
      return new Descriptor(node.path("mediaType").asText("application/octet-stream"), node.path("digest").asText(),
          node.path("size").asLong(-1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": manifest " + manifest.digest() + " has an invalid " + role
          + " descriptor: " + e.getMessage());
    }
  }

  private JsonNode parse(InlineManifest manifest) {
    try {
      JsonNode root = JSON.readTree(manifest.bytes());
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": manifest " + manifest.digest() + " is not JSON: " + e.getMessage());
    }
  }
}
