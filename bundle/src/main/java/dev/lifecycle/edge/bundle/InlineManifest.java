package dev.lifecycle.edge.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A manifest or image index given by its exact bytes (small: a few kilobytes), as the registry served them; its
 * digest is computed from them, so it is the digest the registry names it by.
 */
public record InlineManifest(String mediaType, byte[] bytes) {

  public InlineManifest {
    if (mediaType == null || mediaType.isBlank()) {
      throw new IllegalArgumentException("a manifest needs its media type");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String digest() {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Descriptor descriptor() {
    return new Descriptor(mediaType, digest(), bytes.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InlineManifest that && mediaType.equals(that.mediaType) && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InlineManifest[" + mediaType + " " + digest() + "]";
  }
}
