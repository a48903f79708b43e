package dev.lifecycle.edge.bundle.archive;

/**
 * How a writer compresses: the zstd level (1 to 19; 3 is zstd's own default) and the worker threads zstd
 * compresses on (0: on the caller's thread; 1, the default, as the {@code zstd} command does: on a thread of its
 * own while the caller reads and hashes the next blob).
 */
public record Compression(int level, int workers) {

  public Compression {
    if (level < 1 || level > 19) {
      throw new IllegalArgumentException("zstd level " + level + ": choose 1 to 19");
    }
    if (workers < 0) {
      throw new IllegalArgumentException("negative zstd workers " + workers);
    }
  }

  public static Compression defaults() {
    return new Compression(3, 1);
  }
}
