package dev.lifecycle.edge.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

  private static final byte[] KEY = new byte[32];
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final SessionClaims CLAIMS = new SessionClaims("admin", "sid-1", 0, T0, T0.plusSeconds(900), T0);

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  @Test
  @DisplayName("When a token is signed, then it verifies to the same claims; with another key, it does not")
  void roundTrip() {
    SessionTokens tokens = new SessionTokens(KEY);
    assertThat(tokens.verify(tokens.sign(CLAIMS))).contains(CLAIMS);
    byte[] other = KEY.clone();
    other[0] = 8;
    assertThat(new SessionTokens(other).verify(tokens.sign(CLAIMS))).isEmpty();
  }

  @Test
  @DisplayName("When a token's claims are altered or its algorithm is none, then it does not verify")
  void forgeries() {
    SessionTokens tokens = new SessionTokens(KEY);
    String[] parts = tokens.sign(CLAIMS).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("\"gen\":0", "\"gen\":1")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.verify(parts[0] + "." + altered + "." + parts[2])).isEmpty();
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"edge-site-session+jwt\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
    assertThat(tokens.verify("not a token")).isEmpty();
    assertThat(tokens.verify(null)).isEmpty();
  }

  @Test
  @DisplayName("When a CSRF token is checked, then only the one of that session matches")
  void csrf() {
    SessionTokens tokens = new SessionTokens(KEY);
    assertThat(tokens.csrfMatches("sid-1", tokens.csrfToken("sid-1"))).isTrue();
    assertThat(tokens.csrfMatches("sid-2", tokens.csrfToken("sid-1"))).isFalse();
    assertThat(tokens.csrfMatches("sid-1", null)).isFalse();
  }
}
