package dev.lifecycle.edge.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * A token from a registry's token service and when it stops being usable. The service answers
 * {@code token} (Docker) or {@code access_token} (OAuth 2), and {@code expires_in} seconds, 60 when absent
 * (the Docker token specification's default). {@link #toString()} never shows the token.
 */
public record BearerToken(String value, Instant expiresAt) {

  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the token service's answer, received at {@code now}; the realm is named in errors. */
  public static BearerToken parse(byte[] body, Instant now, String realm) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new RegistryAuthException("the token service " + realm + " answered something that is not JSON");
    }
    String token = root == null ? "" : root.path("token").asText("");
    if (token.isEmpty()) {
      token = root == null ? "" : root.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new RegistryAuthException("the token service " + realm + " answered without a token");
    }
    long seconds = root.path("expires_in").asLong(0);
    return new BearerToken(token, now.plus(seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME));
  }

  /** Usable at {@code now} with a margin, so a token is not sent just as it expires. */
  public boolean usableAt(Instant now, Duration margin) {
    return now.plus(margin).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "BearerToken[expiresAt=" + expiresAt + "]";
  }
}
