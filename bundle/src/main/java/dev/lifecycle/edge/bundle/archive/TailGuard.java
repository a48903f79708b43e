package dev.lifecycle.edge.bundle.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and remembers where the last non-zero one was, so that a reader can tell
 * whether anything but zero padding followed the end of a tar, even bytes its tar reader skipped.
 */
final class TailGuard extends FilterInputStream {

  private long position;
  private long lastNonZero = -1;
  private final byte[] scratch = new byte[8192];

  TailGuard(InputStream in) {
    super(in);
  }

  long position() {
    return position;
  }

  /** The position of the last non-zero byte read so far, or -1. */
  long lastNonZero() {
    return lastNonZero;
  }

  @Override
  public int read() throws IOException {
    int read = in.read();
    if (read > 0) {
      lastNonZero = position;
    }
    if (read >= 0) {
      position++;
    }
    return read;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = in.read(buffer, offset, length);
    if (read > 0) {
      for (int i = offset + read - 1; i >= offset; i--) {
        if (buffer[i] != 0) {
          lastNonZero = position + (i - offset);
          break;
        }
      }
      position += read;
    }
    return read;
  }

  /** Skipped bytes are read, so that they are looked at too. */
  @Override
  public long skip(long count) throws IOException {
    long skipped = 0;
    while (skipped < count) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
