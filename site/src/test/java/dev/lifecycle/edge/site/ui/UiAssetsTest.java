package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UiAssetsTest {

  @Test
  @DisplayName("htmx, the CSS and the JS are read from the jar under names carrying their digest")
  void fingerprintedNames() {
    UiAssets assets = UiAssets.load();
    assertThat(assets.htmx()).matches("/ui/assets/htmx-2\\.0\\.10\\.[0-9a-f]{12}\\.js");
    assertThat(assets.css()).matches("/ui/assets/site-ui\\.[0-9a-f]{12}\\.css");
    assertThat(assets.js()).matches("/ui/assets/site-ui\\.[0-9a-f]{12}\\.js");
    String htmx = assets.find(assets.htmx().substring(UiAssets.PREFIX.length())).orElseThrow().bytes()
        .toString(StandardCharsets.UTF_8);
    assertThat(htmx).contains("version:\"2.0.10\"");
    assertThat(assets.find("site-ui.css")).as("only the fingerprinted name").isEmpty();
    assertThat(assets.find("../site-ui.css")).isEmpty();
  }
}
