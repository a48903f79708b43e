package dev.lifecycle.edge.site.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastSeenTest {

  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  @DisplayName("Last seen reads as seconds, minutes, hours or days ago, rounded down")
  void ago() {
    assertThat(LastSeen.of("2026-12-06T11:59:48Z", NOW)).isEqualTo("12 s ago");
    assertThat(LastSeen.of("2026-12-06T11:59:59Z", NOW)).isEqualTo("1 s ago");
    assertThat(LastSeen.of("2026-12-06T11:59:00Z", NOW)).isEqualTo("1 min ago");
    assertThat(LastSeen.of("2026-12-06T11:00:01Z", NOW)).isEqualTo("59 min ago");
    assertThat(LastSeen.of("2026-12-06T07:00:00Z", NOW)).isEqualTo("5 h ago");
    assertThat(LastSeen.of("2026-12-05T11:00:00Z", NOW)).isEqualTo("1 day ago");
    assertThat(LastSeen.of("2026-12-01T12:00:00Z", NOW)).isEqualTo("5 days ago");
  }

  @Test
  @DisplayName("A host never heard from reads 'never'; a time ahead of the clock 'just now'; a broken one as it is")
  void edges() {
    assertThat(LastSeen.of(null, NOW)).isEqualTo("never");
    assertThat(LastSeen.of("", NOW)).isEqualTo("never");
    assertThat(LastSeen.of("2026-12-06T12:00:00Z", NOW)).isEqualTo("just now");
    assertThat(LastSeen.of("2026-12-06T12:00:05Z", NOW)).isEqualTo("just now");
    assertThat(LastSeen.of("yesterday", NOW)).isEqualTo("unknown (yesterday)");
  }
}
