package dev.lifecycle.edge.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkTokenTest {

  private static final String FINGERPRINT = "sha256:" + "ab".repeat(32);
  private static final Instant EXPIRES = Instant.parse("2026-12-06T12:02:00Z");

  private static LinkToken token() {
    return new LinkToken(URI.create("https://10.0.0.5:5080"), FINGERPRINT, "store-0042", "site", "link-7f3a",
        "s3cr3t-value", EXPIRES.getEpochSecond());
  }

  @Test
  void roundTripsThroughItsText() {
    String text = token().encode();
    assertThat(text).startsWith(LinkToken.PREFIX).doesNotContain("=").doesNotContain("s3cr3t-value");
    assertThat(LinkToken.parse("  " + text + "\n")).isEqualTo(token());
  }

  @Test
  void expiresAtItsInstant() {
    assertThat(token().expiredAt(EXPIRES.minusSeconds(1))).isFalse();
    assertThat(token().expiredAt(EXPIRES)).isTrue();
  }

  @Test
  void neverShowsItsSecret() {
    assertThat(token().toString()).doesNotContain("s3cr3t-value").contains("store-0042");
  }

  @Test
  void refusesTextThatIsNotALinkToken() {
    assertThatThrownBy(() -> LinkToken.parse("K10abc::server:xyz"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start with edgelink1.");
    assertThatThrownBy(() -> LinkToken.parse("edgelink1.***"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    assertThatThrownBy(() -> LinkToken.parse(LinkToken.PREFIX + encoded("[1,2]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    assertThatThrownBy(() -> LinkToken.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkToken.parse(LinkToken.PREFIX + "a".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
  }

  @Test
  void refusesAPlainHttpControllerOrABadFingerprint() {
    String plain = token().encode().replace(LinkToken.PREFIX, "");
    String json = new String(Base64.getUrlDecoder().decode(plain), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LinkToken.parse(LinkToken.PREFIX + encoded(json.replace("https:", "http:"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an https URL");
    assertThatThrownBy(() -> LinkToken.parse(LinkToken.PREFIX + encoded(json.replace("sha256:ab", "sha256:AB"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> LinkToken.parse(LinkToken.PREFIX + encoded(json.replace("\"token\"", "\"other\""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no token secret");
  }

  private static String encoded(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
