package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  @DisplayName("A service's message becomes a sentence: a capital first, a full stop unless it ends one already")
  void makesSentences() {
    assertThat(Sentences.of("wrong user name or password")).isEqualTo("Wrong user name or password.");
    assertThat(Sentences.of(" try again then. ")).isEqualTo("Try again then.");
    assertThat(Sentences.of("is it?")).isEqualTo("Is it?");
    assertThat(Sentences.of("état inconnu")).isEqualTo("État inconnu.");
    assertThat(Sentences.of(null)).isEmpty();
    assertThat(Sentences.of("  ")).isEmpty();
  }
}
