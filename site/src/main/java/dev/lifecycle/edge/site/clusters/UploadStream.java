package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.bundle.archive.BoundedInputStream;
import dev.lifecycle.edge.bundle.archive.ReadThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload as it is read: every byte counted, hashed (sha256) and copied to a file, and refused past a bound
 * ({@link BoundedInputStream}) so that an endless upload fills neither the disk nor the time of the site.
 */
final class UploadStream extends ReadThroughInputStream {

  private final BoundedInputStream bounded;
  private final OutputStream copy;
  private final MessageDigest sha256;
  private boolean broken;

  UploadStream(InputStream in, OutputStream copy, long limit) {
    this(new BoundedInputStream(in, limit), copy);
  }

  private UploadStream(BoundedInputStream bounded, OutputStream copy) {
    super(bounded);
    this.bounded = bounded;
    this.copy = copy;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** @throws BoundedInputStream.TooLarge the upload went past the bound */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = bounded.read(buffer, offset, length);
    } catch (BoundedInputStream.TooLarge e) {
      throw e;
    } catch (IOException e) {
      broken = true;
      throw e;
    }
    if (n > 0) {
      sha256.update(buffer, offset, n);
      copy.write(buffer, offset, n);
    }
    return n;
  }

  /** Reads what is left of the upload (a reader may stop at the archive's end marker), within the bound. */
  void drain() throws IOException {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) >= 0) {
      // counted, hashed and copied by read
    }
  }

  boolean exceeded() {
    return bounded.exceeded();
  }

  /** Whether reading the upload itself failed (the sender's connection broke), not what was read. */
  boolean broken() {
    return broken;
  }

  long count() {
    return bounded.count();
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
