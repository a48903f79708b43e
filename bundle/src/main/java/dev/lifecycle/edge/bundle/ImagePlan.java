package dev.lifecycle.edge.bundle;

import java.util.List;

/**
 * One image to put into a bundle.
 *
 * @param reference      the reference the profiles name it by (e.g. {@code docker.io/library/nginx:1.27}); opaque
 * @param platforms      the platforms it is bundled for ({@code linux/amd64}, {@code linux/arm/v7}); empty for a
 *                       single-platform manifest or when every manifest of an index is bundled
 * @param manifest       its top manifest or image index, as the registry served it
 * @param childManifests the manifests of {@code manifest}'s index that are bundled (those of {@code platforms})
 * @param blobs          the config and layer blobs those manifests name, streamed from the {@link BlobSource}
 */
public record ImagePlan(String reference, List<String> platforms, InlineManifest manifest,
    List<InlineManifest> childManifests, List<Descriptor> blobs) {

  public ImagePlan {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("an image needs its reference");
    }
    if (manifest == null) {
      throw new IllegalArgumentException("image " + reference + " has no manifest");
    }
    platforms = List.copyOf(platforms);
    platforms.forEach(Platforms::check);
    childManifests = List.copyOf(childManifests);
    blobs = List.copyOf(blobs);
  }

  /** A single-platform image: one manifest and its blobs. */
  public static ImagePlan single(String reference, InlineManifest manifest, List<Descriptor> blobs) {
    return new ImagePlan(reference, List.of(), manifest, List.of(), blobs);
  }
}
