package dev.lifecycle.edge.operator.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of secrets, and their constant-time comparison. Tokens and host credentials are 256-bit
 * random values, so an unsalted SHA-256 cannot be reversed; only these hashes are kept.
 */
public final class Hashes {

  public static final String PREFIX = "sha256:";

  private Hashes() {
  }

  /** {@code sha256:<64 hex digits>} of the UTF-8 bytes of the secret. */
  public static String sha256(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether the secret hashes to the expected hash, in time that does not depend on where they differ. */
  public static boolean matches(String secret, String expectedHash) {
    if (secret == null || expectedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
        expectedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
