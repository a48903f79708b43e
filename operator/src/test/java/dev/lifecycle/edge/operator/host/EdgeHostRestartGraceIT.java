package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator restart grants a grace period: hosts are not judged on heartbeats nobody could receive. */
class EdgeHostRestartGraceIT {

  private static final Duration STALENESS = Duration.ofSeconds(3);
  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClass(OperatorSettings.defaults("http://gw")
      .withHeartbeat(Duration.ofSeconds(1)).withStaleness(STALENESS).embedded(), List.of(EdgeHostReconciler::new));

  @Test
  @DisplayName("When the operator was down for longer than the staleness limit, then on restart its hosts stay "
      + "Running while their agents get through again, and a host that stays silent turns Unreachable only after "
      + "the staleness limit from the restart")
  void restartGrantsAGracePeriod() throws InterruptedException {
    String namespace = harness.newNamespace("restart");
    HostScript live = running(namespace, "h-live");
    HostScript silent = running(namespace, "h-silent");

    harness.stopOperator();
    // Down for longer than any deadline counted from lastSeen: the agents' heartbeats found no operator.
    Thread.sleep(STALENESS.multipliedBy(2).toMillis() + 500);
    Instant restarted = Instant.now();
    harness.startOperator(List.of(EdgeHostReconciler::new));

    Instant graceEnds = restarted.plus(STALENESS);
    while (Instant.now().isBefore(restarted.plusSeconds(2))) {
      assertThat(List.of(live.phase(), silent.phase())).as("within the grace period").containsOnly(Phase.Running);
      Thread.sleep(100);
    }
    live.heartbeat();
    await().atMost(STALENESS.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
        .until(silent::phase, p -> p == Phase.Unreachable);
    assertThat(Instant.now()).isAfter(graceEnds);
    assertThat(live.phase()).isEqualTo(Phase.Running);
  }

  private static HostScript running(String namespace, String name) {
    HostScript host = new HostScript(harness.client(), namespace, name);
    host.preProvision();
    host.register();
    host.plan(HostPlan.Action.Init, 1, "1.2.0");
    host.report(1, AgentReport.State.Applied, null);
    await().atMost(Duration.ofSeconds(5)).until(host::phase, p -> p == Phase.Running);
    return host;
  }
}
