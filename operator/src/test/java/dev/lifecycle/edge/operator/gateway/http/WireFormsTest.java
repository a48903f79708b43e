package dev.lifecycle.edge.operator.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The small pure pieces of the wire: paths and bearer headers. */
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
}
