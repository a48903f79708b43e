package dev.lifecycle.edge.site.ui.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentPageTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  @DisplayName("A definition lists as its name, each version with its description, size in words, UTC time, users")
  void definitionItem() {
    DefinitionSummary summary = new DefinitionSummary(DIGEST, "retail", "site", List.of(
        new DefinitionSummary.Version("retail-1.4.0", "retail", "1.4.0", "Spring release", List.of()),
        new DefinitionSummary.Version("retail-1.5.0", "retail", "1.5.0", " ", List.of())), 4_240, "sha256:key",
        Instant.parse("2026-12-06T10:15:30Z"), List.of("store-0042"));
    ContentView.Item item = ContentPage.item(summary);
    assertThat(item.versions()).containsExactly("retail 1.4.0: Spring release", "retail 1.5.0");
    assertThat(item.size()).isEqualTo("4.2 kB");
    assertThat(item.uploadedAt()).isEqualTo("2026-12-06 10:15 UTC");
    assertThat(item.inUse()).isTrue();
    assertThat(item.shortId()).isEqualTo("abababababab");
  }

  @Test
  @DisplayName("An upload's result says what was kept, who signed it and its digest; an unsigned one says nobody")
  void verified() {
    assertThat(ContentPage.verified("Bundle", "retail 1.4.0", "sha256:key", DIGEST)).isEqualTo("Bundle retail "
        + "1.4.0 was verified and kept: signed by sha256:key, digest " + DIGEST + ".");
    assertThat(ContentPage.verified("Definition", "retail", null, DIGEST)).contains("signed by nobody");
  }
}
