package dev.lifecycle.edge.site.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what an upload sent and fails the read that goes past the limit. The verifier turns that failure into a
 * refusal of a damaged archive; the store asks {@link #exceeded()} to answer with the limit instead.
 */
final class UploadLimit extends FilterInputStream {

  private final long max;
  private long count;
  private boolean exceeded;

  UploadLimit(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void counted(long n) throws IOException {
    count += n;
    if (count > max) {
      exceeded = true;
      throw new IOException("the upload is larger than the " + max + " bytes allowed");
    }
  }

  long count() {
    return count;
  }

  boolean exceeded() {
    return exceeded;
  }

  long max() {
    return max;
  }
}
