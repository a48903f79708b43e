package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NextPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/audit", "/audit?before=12", "/hosts#h1", "/clusters/store-0042/update",
      "/content?kind=bundle&page=2"})
  @DisplayName("A page of this site is kept as it is")
  void keepsLocalPages(String next) {
    assertThat(NextPath.of(next)).isEqualTo(next);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"//evil.example/x", "///evil.example", "/\\evil.example", "\\\\evil.example",
      "https://evil.example/", "javascript:alert(1)", "audit", " /audit", "/\t/evil.example", "/a\nb", "/é",
      "/login", "/login?next=/audit", "/logout", "/api/site/v1/session", "/api", "/ui/assets/x.js",
      "/ui/fragments/overview"})
  @DisplayName("Anything that is not a page of this site (another site, a scheme, a backslash, control or non-ASCII "
      + "characters, the login page, the site API, the UI's files and fragments) becomes the overview")
  void refusesTheRest(String next) {
    assertThat(NextPath.of(next)).isEqualTo(NextPath.HOME);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("A path longer than the limit becomes the overview")
  void refusesLongPaths() {
    assertThat(NextPath.of("/" + "a".repeat(NextPath.MAX_LENGTH))).isEqualTo(NextPath.HOME);
    assertThat(NextPath.of("/" + "a".repeat(NextPath.MAX_LENGTH - 1))).hasSize(NextPath.MAX_LENGTH);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("The login URL for a page carries it encoded; for the overview, no next at all")
  void loginUrl() {
    assertThat(UiSession.loginFor("/audit?before=3")).isEqualTo("/login?next=%2Faudit%3Fbefore%3D3");
    assertThat(UiSession.loginFor("/")).isEqualTo("/login");
    assertThat(UiSession.loginFor("//evil.example")).isEqualTo("/login");
  }
}
