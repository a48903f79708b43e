package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small pure pieces of the wire: paths, media types, bearer headers, entity tags, durations. */
class WireFormsTest {

  @Test
  @DisplayName("When a path has dot segments, empty segments or percent-encoding, then it is not canonical")
  void canonicalPaths() {
    assertThat(PathGuard.canonical("/v1/register")).isTrue();
    assertThat(PathGuard.canonical("/v1/REGISTER")).as("canonical, and simply unknown").isTrue();
    for (String trick : new String[] {"/v1/../v1/plan", "//v1/register", "/v1/register/", "/v1/./plan",
        "/v1/register%2F..", "/v1/pl%61n", "/", "", "/v1/plan;x=1", "/v1/plan\u0000"}) {
      assertThat(PathGuard.canonical(trick)).as(trick).isFalse();
    }
    assertThat(PathGuard.shown("/a\u0000b" + "c".repeat(100))).startsWith("/a?b").endsWith("...");
  }

  @Test
  @DisplayName("When a Content-Type is JSON with or without a UTF-8 charset, then it is JSON, and nothing else is")
  void mediaTypes() {
    assertThat(MediaTypes.isJson("application/json")).isTrue();
    assertThat(MediaTypes.isJson("Application/JSON; charset=UTF-8")).isTrue();
    assertThat(MediaTypes.isJson("application/json; charset=latin1")).isFalse();
    assertThat(MediaTypes.isJson("text/plain")).isFalse();
    assertThat(MediaTypes.isJson("application/jsonx")).isFalse();
    assertThat(MediaTypes.isJson(null)).isFalse();
  }

  @Test
  @DisplayName("When an Authorization header is not exactly 'Bearer <credential>', then no credential is taken")
  void bearer() {
    assertThat(BearerCredentials.parse("Bearer abc")).contains("abc");
    assertThat(BearerCredentials.parse("bearer abc")).contains("abc");
    assertThat(BearerCredentials.parse("Basic abc")).isEmpty();
    assertThat(BearerCredentials.parse("Bearer ")).isEmpty();
    assertThat(BearerCredentials.parse("Bearer a b")).isEmpty();
    assertThat(BearerCredentials.parse("Bearer " + "a".repeat(600))).isEmpty();
    assertThat(BearerCredentials.parse(null)).isEmpty();
  }

  @Test
  @DisplayName("When If-None-Match lists the plan's tag (strong, weak, in a list or *), then it matches")
  void entityTags() {
    String tag = EntityTags.of(7);
    assertThat(tag).isEqualTo("\"7\"");
    assertThat(EntityTags.matches("\"7\"", tag)).isTrue();
    assertThat(EntityTags.matches("W/\"7\"", tag)).isTrue();
    assertThat(EntityTags.matches("\"6\", \"7\"", tag)).isTrue();
    assertThat(EntityTags.matches("*", tag)).isTrue();
    assertThat(EntityTags.matches("\"6\"", tag)).isFalse();
    assertThat(EntityTags.matches("7", tag)).isFalse();
    assertThat(EntityTags.matches(null, tag)).isFalse();
  }
}
