package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A silent host turns Unreachable on time, from its own timer, and comes back when it reports. */
class EdgeHostUnreachableIT {

  private static final Duration STALENESS = Duration.ofSeconds(2);
  /** What the timer may add to the deadline: its margin plus scheduling and one write. */
  private static final Duration LATENESS = Duration.ofSeconds(1);
  private static final List<Instant> RECONCILES = new CopyOnWriteArrayList<>();
  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClass(OperatorSettings.defaults("http://gw")
      .withHeartbeat(Duration.ofMillis(500)).withStaleness(STALENESS).embedded(), List.of(RecordingReconciler::new));

  /** The real reconciler, noting when it runs. */
  static final class RecordingReconciler extends EdgeHostReconciler {
    RecordingReconciler(OperatorServices services) {
      super(services);
    }

    @Override
    public UpdateControl<EdgeHost> reconcile(EdgeHost host, Context<EdgeHost> context) {
      RECONCILES.add(Instant.now());
      return super.reconcile(host, context);
    }
  }

  @Test
  @DisplayName("When a Running host's heartbeats stop, then it turns Unreachable no sooner than the staleness after "
      + "its last heartbeat and within the allowance for unwritten heartbeats plus a second after it, woken by nothing "
      + "but its timer; when it reports again, then it is Running again")
  void silentHostTurnsUnreachableOnTime() throws InterruptedException {
    String namespace = harness.newNamespace("unreachable");
    HostScript host = new HostScript(harness.client(), namespace, "h-silent");
    host.preProvision();
    host.register();
    host.plan(HostPlan.Action.Init, 1, "1.2.0");
    host.report(1, AgentReport.State.Applied, null);
    Instant lastHeartbeat = heartbeatFor(host, Duration.ofMillis(1500));
    assertThat(host.phase()).isEqualTo(Phase.Running);
    EdgeHost silent = host.read();
    Instant deadline = HostPhaseJudge.unreachableAt(silent.getStatus(), STALENESS, Instant.MIN).orElseThrow();
    Instant lastSeen = OffsetDateTime.parse(silent.getStatus().getLastSeen()).toInstant();
    // Heartbeats the gateway may have received but not written: staleness counts from the latest of them.
    Duration allowance = Duration.between(lastSeen, HostRules.lastHeard(lastSeen, STALENESS));

    List<EdgeHost> writesAfterSilence = new CopyOnWriteArrayList<>();
    try (Watch watch = harness.client().resources(EdgeHost.class).inNamespace(namespace).withName("h-silent")
        .watch(recordModifications(writesAfterSilence))) {
      await().atMost(STALENESS.plus(allowance).plus(LATENESS).plusSeconds(2)).pollInterval(Duration.ofMillis(20))
          .until(host::phase, p -> p == Phase.Unreachable);
      Instant unreachableSeen = Instant.now();

      assertThat(unreachableSeen).isAfter(deadline).isAfter(lastHeartbeat.plus(STALENESS))
          .isBefore(lastHeartbeat.plus(STALENESS).plus(allowance).plus(LATENESS));
      await().atMost(Duration.ofSeconds(2)).until(() -> !writesAfterSilence.isEmpty());
      assertThat(writesAfterSilence.get(0).getStatus().getPhase())
          .as("the first write after the last heartbeat is the reconciler's Unreachable").isEqualTo(Phase.Unreachable);
    }
    assertThat(RECONCILES).as("no reconcile between the last heartbeat and the deadline: no polling")
        .noneMatch(at -> at.isAfter(lastHeartbeat.plusMillis(500)) && at.isBefore(deadline));
    assertThat(host.condition(ConditionTypes.READY).getMessage())
        .isEqualTo("nothing heard from the agent for more than 2s (lastSeen last written "
            + silent.getStatus().getLastSeen() + ")");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(host.events("Unreachable")).singleElement()
        .extracting(Event::getType).isEqualTo("Warning"));

    host.heartbeat();

    await().atMost(Duration.ofSeconds(5)).until(host::phase, p -> p == Phase.Running);
    await().atMost(Duration.ofSeconds(5)).until(() -> host.events("Reachable"), events -> events.size() == 1);
  }

  /** Heartbeats every 200 ms for a while, as an agent does; returns when the last one was written. */
  private static Instant heartbeatFor(HostScript host, Duration period) throws InterruptedException {
    Instant until = Instant.now().plus(period);
    Instant last = Instant.now();
    while (Instant.now().isBefore(until)) {
      host.heartbeat();
      last = Instant.now();
      Thread.sleep(200);
    }
    await().atMost(Duration.ofSeconds(5)).until(host::phase, p -> p == Phase.Running);
    return last;
  }

  private static Watcher<EdgeHost> recordModifications(List<EdgeHost> writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeHost resource) {
        if (action == Action.MODIFIED) {
          writes.add(resource);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // The test closes the watch; nothing to do.
      }
    };
  }
}
