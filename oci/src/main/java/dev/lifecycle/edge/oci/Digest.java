package dev.lifecycle.edge.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest as OCI writes it ({@code sha256:<64 hex>}); sha512 is accepted as the image spec allows it.
 * Only lower-case hex is valid, so one content has one spelling and digests compare as strings.
 */
public record Digest(String algorithm, String hex) {

  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    if (!("sha256".equals(algorithm) && SHA256.matcher(hex).matches()
        || "sha512".equals(algorithm) && SHA512.matcher(hex).matches())) {
      throw new IllegalArgumentException("invalid digest '" + algorithm + ":" + hex
          + "': expected sha256: followed by 64 lower-case hex digits (or sha512: and 128)");
    }
  }

  /** Parses {@code sha256:<hex>}; the message of a failure names the text. */
  public static Digest parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("invalid digest '" + text + "': expected sha256: followed by 64 lower-case hex digits");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The sha256 digest of these bytes. */
  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(messageDigest("sha256").digest(content)));
  }

  /** A fresh sha256 hasher, to digest streamed content; {@link #of} turns its result into a digest. */
  public static MessageDigest sha256Hasher() {
    return messageDigest("sha256");
  }

  /** A fresh hasher of this digest's algorithm, to digest streamed content. */
  public MessageDigest newHasher() {
    return messageDigest(algorithm);
  }

  /** Whether the finished hasher's value is this digest. */
  public boolean matches(byte[] computed) {
    return hex.equals(HexFormat.of().formatHex(computed));
  }

  public static Digest of(String algorithm, byte[] computed) {
    return new Digest(algorithm, HexFormat.of().formatHex(computed));
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
