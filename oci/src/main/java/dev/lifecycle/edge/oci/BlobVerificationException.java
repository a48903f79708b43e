package dev.lifecycle.edge.oci;

import java.io.IOException;

/** A blob's content did not match its descriptor (digest or size) while it was read. */
public class BlobVerificationException extends IOException {

  private static final long serialVersionUID = 1L;

  private final Digest expected;

  public BlobVerificationException(Digest expected, String message) {
    super(message);
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
