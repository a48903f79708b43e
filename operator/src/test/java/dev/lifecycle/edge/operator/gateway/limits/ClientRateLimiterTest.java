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
      new GatewayConfig.RateLimit(5, 2), new GatewayConfig.RateLimit(4, 1), nanos::get);

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

  @Test
  @DisplayName("When 1,000 hosts behind one address send their normal traffic while that address floods "
      + "registrations, then every host request is admitted and the flood is held to the address's rate")
  void hostsBehindOneAddressAreNotCapped() {
    ClientRateLimiter defaults = new ClientRateLimiter(GatewayConfig.DEFAULT_FAILURES, GatewayConfig.DEFAULT_REQUESTS,
        GatewayConfig.DEFAULT_HOST_REQUESTS, nanos::get);
    int hosts = 1_000;
    int hostAdmitted = 0;
    int floodAdmitted = 0;
    // 60 s in steps of 15 ms: host i sends a request every 15 s (long poll and heartbeat), at its own
    // moment; the address sends 200 unproven requests a second.
    for (int step = 0; step < 4_000; step++) {
      nanos.addAndGet(Duration.ofMillis(15).toNanos());
      int host = step % hosts;
      hostAdmitted += defaults.admit(ClientRateLimiter.host("site/h-" + host)).isEmpty() ? 1 : 0;
      for (int i = 0; i < 3; i++) {
        floodAdmitted += defaults.admit("10.0.0.1").isEmpty() ? 1 : 0;
      }
    }

    assertThat(hostAdmitted).isEqualTo(4_000);
    double seconds = 4_000 * 0.015;
    assertThat(floodAdmitted).as("burst plus the address's rate")
        .isBetween(GatewayConfig.DEFAULT_REQUESTS.burst() + (int) (seconds * GatewayConfig.DEFAULT_REQUESTS.perSecond())
            - 2, GatewayConfig.DEFAULT_REQUESTS.burst() + (int) (seconds * GatewayConfig.DEFAULT_REQUESTS.perSecond())
            + 2);
  }

  @Test
  @DisplayName("When a host sends more than its own burst, then it waits for its own refill, whatever its address")
  void hostsHaveTheirOwnRate() {
    String host = ClientRateLimiter.host("site/h-0");
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.admit(host)).isEmpty();
    }
    assertThat(limiter.admit(host)).contains(Duration.ofSeconds(1));
    assertThat(limiter.admit(ClientRateLimiter.host("site/h-1"))).isEmpty();
    assertThat(limiter.admit("10.0.0.1")).as("the address keeps its own, larger, budget").isEmpty();
  }
}
