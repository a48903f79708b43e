package dev.lifecycle.edge.bundle.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that looks at every byte it passes: a subclass implements {@link #read(byte[], int, int)}, and single
 * bytes and skipped ones go through it too, so none is passed without being counted, hashed or checked. No mark.
 */
public abstract class ReadThroughInputStream extends FilterInputStream {

  protected ReadThroughInputStream(InputStream in) {
    super(in);
  }

  @Override
  public abstract int read(byte[] buffer, int offset, int length) throws IOException;

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /** Skipped bytes are read, so that they are looked at too. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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
