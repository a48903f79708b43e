package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails the read that goes past a bound, and every read after it, so that an
 * endless upload fills neither the disk nor the time of whoever reads it. A stream of exactly the bound passes: a
 * read asks for at most one byte more than the bound leaves, which tells the end from an excess. Skipped bytes count.
 */
public final class BoundedInputStream extends ReadThroughInputStream {

  /** Thrown by the read that passes the bound, and by every read after it. */
  public static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("the stream is longer than " + limit + " bytes");
    }
  }

  private final long limit;
  private long count;
  private boolean exceeded;

  public BoundedInputStream(InputStream in, long limit) {
    super(in);
    if (limit < 0) {
      throw new IllegalArgumentException("a bound is 0 bytes or more, not " + limit);
    }
    this.limit = limit;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (exceeded) {
      throw new TooLarge(limit);
    }
    long room = limit - count;
    int n = in.read(buffer, offset, room >= length ? length : (int) room + 1);
    if (n > 0) {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new TooLarge(limit);
      }
    }
    return n;
  }

  /** The bytes read so far, the one read past the bound included. */
  public long count() {
    return count;
  }

  /** Whether a read went past the bound. */
  public boolean exceeded() {
    return exceeded;
  }

  public long limit() {
    return limit;
  }
}
