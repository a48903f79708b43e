package dev.lifecycle.edge.bundle.archive;

/**
 * Bounds a reader enforces before it reads content, so that a hostile archive (a decompression bomb, an index
 * declaring more than the disk holds) is refused without exhausting memory or disk.
 *
 * @param maxIndexBytes the largest index entry read into memory
 * @param maxTotalBytes the largest sum of the sizes the index declares
 * @param maxFiles      the most files an index may list
 */
public record ArchiveLimits(long maxIndexBytes, long maxTotalBytes, int maxFiles) {

  /** The signature entry is a few hundred bytes; anything much larger is not one. */
  static final int MAX_SIGNATURE_BYTES = 64 * 1024;

  public ArchiveLimits {
    if (maxIndexBytes <= 0 || maxTotalBytes < 0 || maxFiles <= 0) {
      throw new IllegalArgumentException("archive limits must be positive");
    }
    if (maxIndexBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("an index is read into memory: at most 2 GiB");
    }
  }

  /** 64 MiB of index, 1 TiB of content, a million files. */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(64L << 20, 1L << 40, 1_000_000);
  }

  public ArchiveLimits withMaxTotalBytes(long bytes) {
    return new ArchiveLimits(maxIndexBytes, bytes, maxFiles);
  }
}
