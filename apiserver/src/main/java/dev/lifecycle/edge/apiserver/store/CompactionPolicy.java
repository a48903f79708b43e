package dev.lifecycle.edge.apiserver.store;

/**
 * When the log is worth folding into a snapshot: once it is larger than {@code minimumLogBytes} and
 * than {@code factor} times the live objects' size. The log then holds mostly overwritten states, and
 * a snapshot plus a new log keep the directory within a constant multiple of the live data.
 */
public record CompactionPolicy(long minimumLogBytes, int factor) {

  /** 4 MiB and four times the live data. */
  public static final CompactionPolicy DEFAULT = new CompactionPolicy(4L * 1024 * 1024, 4);

  public CompactionPolicy {
    if (minimumLogBytes < 0 || factor < 1) {
      throw new IllegalArgumentException("compaction needs a minimum log size >= 0 and a factor >= 1, not "
          + minimumLogBytes + " and " + factor);
    }
  }

  public boolean shouldCompact(long logBytes, long liveBytes) {
    return logBytes > minimumLogBytes && logBytes > factor * liveBytes;
  }
}
