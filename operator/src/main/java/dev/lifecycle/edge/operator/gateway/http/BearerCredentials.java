package dev.lifecycle.edge.operator.gateway.http;

import java.util.Optional;

/** Takes the credential out of an {@code Authorization: Bearer <credential>} header. Pure. */
public final class BearerCredentials {

  private static final String SCHEME = "bearer ";
  private static final int MAX_LENGTH = 512;

  private BearerCredentials() {
  }

  public static Optional<String> parse(String header) {
    if (header == null || header.length() > MAX_LENGTH || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    String credential = header.substring(SCHEME.length()).trim();
    return credential.isEmpty() || credential.contains(" ") ? Optional.empty() : Optional.of(credential);
  }
}
