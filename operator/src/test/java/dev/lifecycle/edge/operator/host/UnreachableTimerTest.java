package dev.lifecycle.edge.operator.host;

import static dev.lifecycle.edge.operator.host.Hosts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnreachableTimerTest {

  private static final Duration STALENESS = Duration.ofSeconds(90);

  @Test
  @DisplayName("When a host is reachable, then it is judged again just after its own deadline")
  void reachable() {
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(30)).getStatus(), NOW, STALENESS))
        .contains(Duration.ofSeconds(60).plus(UnreachableTimer.MARGIN));
    assertThat(UnreachableTimer.delay(Hosts.claimed(HostPlan.Action.Join, 1).getStatus(), NOW, STALENESS))
        .contains(Duration.ofSeconds(85).plus(UnreachableTimer.MARGIN));
  }

  @Test
  @DisplayName("When a host is exactly on its deadline, then the timer waits only the margin")
  void onDeadline() {
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minus(STALENESS)).getStatus(), NOW, STALENESS))
        .contains(UnreachableTimer.MARGIN);
  }

  @Test
  @DisplayName("When only the agent can change the phase (Pending, Unreachable), then no timer is set")
  void noTimer() {
    assertThat(UnreachableTimer.delay(null, NOW, STALENESS)).isEmpty();
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(91)).getStatus(), NOW, STALENESS)).isEmpty();
  }
}
