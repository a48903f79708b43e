package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastSeenTimesTest {

  private final LastSeenTimes times = new LastSeenTimes();

  @Test
  void parsesTimestampsWithAnyOffset() {
    assertThat(times.parse("2026-12-06T12:00:00Z")).contains(Instant.parse("2026-12-06T12:00:00Z"));
    assertThat(times.parse("2026-12-06T13:00:00+01:00")).contains(Instant.parse("2026-12-06T12:00:00Z"));
  }

  @Test
  void aTextThatIsNoTimestampIsUnknownEveryTime() {
    assertThat(times.parse("yesterday")).isEmpty();
    assertThat(times.parse("yesterday")).isEmpty();
  }

  @Test
  void aTextAskedAgainGivesTheSameInstantFromTheMap() {
    assertThat(times.parse("2026-12-06T12:00:00Z")).isSameAs(times.parse("2026-12-06T12:00:00Z"));
    assertThat(times.size()).isEqualTo(1);
  }

  @Test
  void theMapNeverGrowsPastItsBound() {
    Instant start = Instant.parse("2026-12-06T00:00:00Z");
    for (int second = 0; second < LastSeenTimes.BOUND * 3; second++) {
      Instant seen = start.plusSeconds(second);
      assertThat(times.parse(seen.toString())).contains(seen);
      assertThat(times.size()).isLessThanOrEqualTo(LastSeenTimes.BOUND);
    }
  }
}
