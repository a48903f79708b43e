package dev.lifecycle.edge.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing and counting it: more bytes than the descriptor's size fail at once,
 * and at the end of the stream a wrong size or digest fails. Either way the digest is named. Nothing is
 * buffered beyond the caller's reads.
 */
public final class VerifyingInputStream extends FilterInputStream {

  private final Digest expected;
  private final long size;
  private final String source;
  private final MessageDigest hasher;
  private long count;
  private boolean verified;

  public VerifyingInputStream(InputStream in, Digest expected, long size, String source) {
    super(in);
    this.expected = expected;
    this.size = size;
    this.source = source;
    this.hasher = expected.newHasher();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      verify();
      return -1;
    }
    hasher.update(buffer, offset, n);
    count += n;
    if (count > size) {
      throw new BlobVerificationException(expected, "blob " + expected + " from " + source
          + " is longer than its descriptor's " + size + " bytes");
    }
    return n;
  }

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

  @Override
  public synchronized void mark(int limit) {
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    if (count != size) {
      throw new BlobVerificationException(expected, "blob " + expected + " from " + source + " ended after " + count
          + " of its " + size + " bytes");
    }
    byte[] actual = hasher.digest();
    if (!expected.matches(actual)) {
      throw new BlobVerificationException(expected, "blob " + expected + " from " + source + " does not match its digest (got "
          + Digest.of(expected.algorithm(), actual) + ")");
    }
    verified = true;
  }
}
