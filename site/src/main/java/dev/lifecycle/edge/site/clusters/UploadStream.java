package dev.lifecycle.edge.site.clusters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload as it is read: every byte counted, hashed (sha256) and copied to a file, and refused past a bound
 * so that an endless upload fills neither the disk nor the time of the site.
 */
final class UploadStream extends FilterInputStream {

  /** Thrown by a read past the bound. */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("the upload is larger than " + limit + " bytes");
    }
  }

  private final OutputStream copy;
  private final MessageDigest sha256;
  private final long limit;
  private long count;
  private boolean exceeded;
  private boolean broken;

  UploadStream(InputStream in, OutputStream copy, long limit) {
    super(in);
    this.copy = copy;
    this.limit = limit;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (exceeded) {
      throw new TooLarge(limit);
    }
    int n;
    try {
      // One byte past the bound is asked for, so that an upload of exactly the bound is not refused.
      long room = limit - count;
      n = super.read(buffer, offset, room >= length ? length : (int) room + 1);
    } catch (IOException e) {
      broken = true;
      throw e;
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new TooLarge(limit);
      }
      sha256.update(buffer, offset, n);
      copy.write(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed and copied: read them.
    byte[] buffer = new byte[8192];
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

  /** Reads what is left of the upload (a reader may stop at the archive's end marker), within the bound. */
  void drain() throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // counted, hashed and copied by read
    }
  }

  boolean exceeded() {
    return exceeded;
  }

  /** Whether reading the upload itself failed (the sender's connection broke), not what was read. */
  boolean broken() {
    return broken;
  }

  long count() {
    return count;
  }

  /** {@code sha256:<hex>} of everything read. */
  String digest() {
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  @Override
  public void close() {
    // The caller owns the upload's stream.
  }
}
