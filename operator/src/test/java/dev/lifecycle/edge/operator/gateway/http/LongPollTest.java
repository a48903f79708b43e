package dev.lifecycle.edge.operator.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LongPollTest {

  @Test
  @DisplayName("Prefer: wait=N asks for N seconds, among other preferences and in any case")
  void parsesWait() {
    assertThat(LongPoll.requested("wait=30")).contains(Duration.ofSeconds(30));
    assertThat(LongPoll.requested("respond-async, wait=10")).contains(Duration.ofSeconds(10));
    assertThat(LongPoll.requested("WAIT=5; handling=lenient")).contains(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("A wait above a minute is held for a minute only")
  void capped() {
    assertThat(LongPoll.requested("wait=600")).contains(LongPoll.MAX_WAIT);
    assertThat(LongPoll.applied(LongPoll.MAX_WAIT)).isEqualTo("wait=60");
  }

  @Test
  @DisplayName("No header, wait=0, other preferences or nonsense ask for no wait")
  void noWait() {
    assertThat(LongPoll.requested(null)).isEmpty();
    assertThat(LongPoll.requested("wait=0")).isEmpty();
    assertThat(LongPoll.requested("return=minimal")).isEmpty();
    assertThat(LongPoll.requested("await=5")).isEmpty();
    assertThat(LongPoll.requested("wait=-5")).isEmpty();
    assertThat(LongPoll.requested("wait=99999999999")).isEmpty();
    assertThat(LongPoll.requested("wait=" + "9".repeat(300))).isEmpty();
  }
}
