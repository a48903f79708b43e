package dev.lifecycle.edge.operator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ClientRateLimiter limiter = new ClientRateLimiter(new GatewayConfig.RateLimit(3, 1),
      new GatewayConfig.RateLimit(5, 2), nanos::get);

  @Test
  @DisplayName("When a client fails as often as its failure burst, then its next request is refused with a wait")
  void failuresExhaustTheBurst() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.admit("10.0.0.1")).isEmpty();
      limiter.failed("10.0.0.1");
    }

    assertThat(limiter.admit("10.0.0.1")).contains(Duration.ofSeconds(1));
    assertThat(limiter.admit("10.0.0.2")).as("another client is not affected").isEmpty();
  }

  @Test
  @DisplayName("When a throttled client waits for the refill, then it is admitted again, one failure a second")
  void failuresRefill() {
    for (int i = 0; i < 3; i++) {
      limiter.failed("10.0.0.1");
    }
    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(limiter.admit("10.0.0.1")).isPresent();

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(limiter.admit("10.0.0.1")).isEmpty();
    limiter.failed("10.0.0.1");
    assertThat(limiter.admit("10.0.0.1")).isPresent();
  }

  @Test
  @DisplayName("When a client sends more requests than its general burst, then the excess waits for the refill")
  void generalRate() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.admit("10.0.0.1")).isEmpty();
    }
    assertThat(limiter.admit("10.0.0.1")).contains(Duration.ofMillis(500));

    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.admit("10.0.0.1")).isEmpty();
  }

  @Test
  @DisplayName("When clients' buckets are full again, then a sweep forgets them, and the busy ones are kept")
  void sweepForgetsIdleClients() {
    limiter.admit("10.0.0.1");
    limiter.failed("10.0.0.1");
    limiter.admit("10.0.0.2");
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    limiter.failed("10.0.0.3");

    limiter.sweep();

    assertThat(limiter.trackedClients()).isEqualTo(1);
  }
}
