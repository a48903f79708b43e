package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenGeneratorTest {

  @Test
  @DisplayName("When a token is generated, then it is 256 bits in URL-safe base64 without padding")
  void twoHundredFiftySixBits() {
    String token = new TokenGenerator().next();

    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
  }

  @Test
  @DisplayName("When many tokens are generated, then no two are the same")
  void distinct() {
    TokenGenerator generator = new TokenGenerator();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      seen.add(generator.next());
    }
    assertThat(seen).hasSize(1000);
  }
}
