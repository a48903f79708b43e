package dev.lifecycle.edge.operator.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates token values: 256 bits from a SecureRandom, URL-safe base64 without padding (43 characters). */
public final class TokenGenerator {

  /** Bytes of randomness in a token: 32, that is 256 bits. */
  public static final int BYTES = 32;

  private final SecureRandom random;

  public TokenGenerator() {
    this(new SecureRandom());
  }

  TokenGenerator(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
