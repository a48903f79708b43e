package dev.lifecycle.edge.site.content;

import dev.lifecycle.edge.bundle.archive.ArchiveLimits;

/**
 * Bounds of the content store.
 *
 * @param maxUploadBytes the largest archive an upload may send; more is refused as it arrives
 * @param archive        the verifier's bounds on what a signed index may declare
 */
public record ContentLimits(long maxUploadBytes, ArchiveLimits archive) {

  public ContentLimits {
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("the upload limit must be positive, not " + maxUploadBytes);
    }
  }

  /** 64 GiB per upload, the verifier's defaults otherwise. */
  public static ContentLimits defaults() {
    return new ContentLimits(64L << 30, ArchiveLimits.defaults());
  }

  public ContentLimits withMaxUploadBytes(long bytes) {
    return new ContentLimits(bytes, archive);
  }
}
