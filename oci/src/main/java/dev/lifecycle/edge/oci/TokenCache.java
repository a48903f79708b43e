package dev.lifecycle.edge.oci;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens per registry and scope, until shortly before they expire. */
final class TokenCache {

  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final Clock clock;
  private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<BearerToken> get(String registry, String scope) {
    String key = registry + " " + scope;
    BearerToken token = tokens.get(key);
    if (token != null && !token.usableAt(clock.instant(), MARGIN)) {
      tokens.remove(key, token);
      return Optional.empty();
    }
    return Optional.ofNullable(token);
  }

  void put(String registry, String scope, BearerToken token) {
    tokens.put(registry + " " + scope, token);
  }

  void remove(String registry, String scope) {
    tokens.remove(registry + " " + scope);
  }
}
