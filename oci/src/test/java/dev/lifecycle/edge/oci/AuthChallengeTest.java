package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  @DisplayName("When a registry sends a Bearer challenge, then realm, service and scope are read, quoted commas included")
  void bearer() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");
    assertThat(challenges).containsExactly(new AuthChallenge("bearer", Map.of("realm", "https://auth.example/token",
        "service", "registry.example", "scope", "repository:a/b:pull,push")));
    assertThat(challenges.get(0).isBearer()).isTrue();
  }

  @Test
  @DisplayName("When one header holds a Basic and a Bearer challenge with spaces and escapes, then both are read")
  void several() {
    List<AuthChallenge> challenges = AuthChallenge.parse(
        "Basic realm=\"Registry \\\"realm\\\"\" , Bearer realm=https://a.example/t, error=\"insufficient_scope\"");
    assertThat(challenges).hasSize(2);
    assertThat(challenges.get(0).isBasic()).isTrue();
    assertThat(challenges.get(0).param("realm")).isEqualTo("Registry \"realm\"");
    assertThat(challenges.get(1).param("realm")).isEqualTo("https://a.example/t");
    assertThat(challenges.get(1).param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  @DisplayName("When the scheme and parameter names are in another case, then they are compared case-insensitively")
  void caseInsensitive() {
    AuthChallenge challenge = AuthChallenge.parse("BEARER Realm=\"x\"").get(0);
    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.param("realm")).isEqualTo("x");
  }

  @Test
  @DisplayName("When a quoted value is not closed, then the error says so; no header means no challenge")
  void broken() {
    assertThatThrownBy(() -> AuthChallenge.parse("Bearer realm=\"https://a")).hasMessageContaining("unterminated");
    assertThat(AuthChallenge.parse(null)).isEmpty();
  }
}
