package dev.lifecycle.edge.operator.host;

import static dev.lifecycle.edge.operator.host.Hosts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnreachableTimerTest {

  private static final Duration STALENESS = Duration.ofSeconds(90);

  @Test
  @DisplayName("When a host is reachable, then it is judged again just after its own deadline")
  void reachable() {
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(30)).getStatus(), NOW, STALENESS, Instant.MIN))
        .contains(Duration.ofSeconds(121).plus(UnreachableTimer.MARGIN));
    assertThat(UnreachableTimer.delay(Hosts.claimed(HostPlan.Action.Join, 1).getStatus(), NOW, STALENESS,
        Instant.MIN)).contains(Duration.ofSeconds(146).plus(UnreachableTimer.MARGIN));
  }

  @Test
  @DisplayName("When a host is exactly on its deadline, then the timer waits only the margin")
  void onDeadline() {
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(151)).getStatus(), NOW, STALENESS,
        Instant.MIN)).contains(UnreachableTimer.MARGIN);
  }

  @Test
  @DisplayName("When only the agent can change the phase (Pending, Unreachable), then no timer is set")
  void noTimer() {
    assertThat(UnreachableTimer.delay(null, NOW, STALENESS, Instant.MIN)).isEmpty();
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(152)).getStatus(), NOW, STALENESS,
        Instant.MIN)).isEmpty();
  }

  @Test
  @DisplayName("When the operator started recently, then a long-silent host is judged again when its grace ends")
  void graceAfterStart() {
    assertThat(UnreachableTimer.delay(Hosts.available(NOW.minusSeconds(600)).getStatus(), NOW, STALENESS,
        NOW.minusSeconds(10))).contains(Duration.ofSeconds(80).plus(UnreachableTimer.MARGIN));
  }
}
