package dev.lifecycle.edge.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference resolved to what a bundle needs to hold: the manifest or index the reference points at (its
 * digest is what the tag resolved to), and the image manifests kept for the platforms asked for.
 *
 * @param reference the reference as asked (with the tag)
 * @param top       what the reference points at: an index, or the one manifest
 * @param manifests the image manifests kept: those of the wanted platforms, or the one manifest
 */
public record ResolvedImage(ImageReference reference, ManifestContent top, List<PlatformManifest> manifests) {

  /** An image manifest and the platform it serves (null for artifacts such as charts). */
  public record PlatformManifest(Platform platform, ImageManifest manifest) {
  }

  public ResolvedImage {
    manifests = List.copyOf(manifests);
  }

  /** The digest the reference resolved to. */
  public Digest digest() {
    return top.descriptor().digest();
  }

  /** The reference pinned to the digest it resolved to. */
  public ImageReference pinned() {
    return reference.withDigest(digest());
  }

  /** Config and layer descriptors of all kept manifests, each digest once (layers shared between platforms). */
  public List<Descriptor> blobs() {
    Map<Digest, Descriptor> unique = new LinkedHashMap<>();
    manifests.forEach(entry -> entry.manifest().blobs().forEach(blob -> unique.putIfAbsent(blob.digest(), blob)));
    return new ArrayList<>(unique.values());
  }

  /** Total size of the manifests and blobs kept, each digest counted once. */
  public long size() {
    long total = top.descriptor().size();
    for (PlatformManifest entry : manifests) {
      if (entry.manifest() != top) {
        total += entry.manifest().descriptor().size();
      }
    }
    return total + blobs().stream().mapToLong(Descriptor::size).sum();
  }
}
