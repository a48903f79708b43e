package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static BearerToken parse(String json) {
    return BearerToken.parse(json.getBytes(StandardCharsets.UTF_8), NOW, "https://auth.example/token");
  }

  @Test
  @DisplayName("When the token service answers token or access_token, then either is used, with expires_in or 60 s")
  void parses() {
    assertThat(parse("{\"token\":\"abc\",\"expires_in\":300}")).isEqualTo(new BearerToken("abc", NOW.plusSeconds(300)));
    assertThat(parse("{\"access_token\":\"xyz\"}")).isEqualTo(new BearerToken("xyz", NOW.plusSeconds(60)));
    assertThat(parse("{\"token\":\"abc\",\"expires_in\":300}").toString()).doesNotContain("abc");
  }

  @Test
  @DisplayName("When the token service answers no token or no JSON, then the error names the service")
  void rejects() {
    assertThatThrownBy(() -> parse("{}")).isInstanceOf(RegistryAuthException.class)
        .hasMessage("the token service https://auth.example/token answered without a token");
    assertThatThrownBy(() -> parse("<html>")).hasMessageContaining("not JSON");
  }

  @Test
  @DisplayName("When a token is cached, then it serves its registry and scope until shortly before it expires")
  void cache() {
    MutableClock clock = new MutableClock(NOW);
    TokenCache cache = new TokenCache(clock);
    cache.put("r.example", "repository:a:pull", new BearerToken("t", NOW.plusSeconds(60)));

    assertThat(cache.get("r.example", "repository:a:pull")).map(BearerToken::value).contains("t");
    assertThat(cache.get("r.example", "repository:a:pull,push")).isEmpty();
    assertThat(cache.get("other.example", "repository:a:pull")).isEmpty();
    clock.now = NOW.plusSeconds(54);
    assertThat(cache.get("r.example", "repository:a:pull")).isPresent();
    clock.now = NOW.plusSeconds(56);
    assertThat(cache.get("r.example", "repository:a:pull")).isEmpty();
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("When a request is retried, then the wait doubles from the initial delay or follows Retry-After, capped")
  void retryPolicy() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    assertThat(policy.delay(1, java.util.Optional.empty())).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delay(2, java.util.Optional.empty())).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delay(1, java.util.Optional.of("1"))).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(1, java.util.Optional.of("3600"))).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.another(2)).isTrue();
    assertThat(policy.another(3)).isFalse();
    assertThat(RetryPolicy.retryable(429)).isTrue();
    assertThat(RetryPolicy.retryable(503)).isTrue();
    assertThat(RetryPolicy.retryable(404)).isFalse();
    assertThat(RetryPolicy.retryable(401)).isFalse();
  }
}
