package dev.lifecycle.edge.bundle.archive;

/**
 * How a writer compresses: the zstd level (1 to 19; 3 is zstd's own default) and the worker threads zstd may
 * use besides the caller's (0: compress on the caller's thread, as the {@code zstd} command does by default).
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
    return new Compression(3, 0);
  }
}
