package dev.lifecycle.edge.oci;

/**
 * What a manifest or index says about content it points to: its media type, digest and size, and for the
 * entries of an index, the platform.
 *
 * @param platform null when the descriptor names none
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform) {

  public Descriptor {
    if (mediaType == null || mediaType.isBlank()) {
      throw new IllegalArgumentException("a descriptor needs a media type (digest " + digest + ")");
    }
    if (digest == null) {
      throw new IllegalArgumentException("a descriptor needs a digest (media type " + mediaType + ")");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + digest);
    }
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, null);
  }
}
