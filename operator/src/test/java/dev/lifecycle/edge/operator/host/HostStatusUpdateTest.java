package dev.lifecycle.edge.operator.host;

import static dev.lifecycle.edge.operator.host.Hosts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostStatusUpdateTest {

  private static final Duration STALENESS = Duration.ofSeconds(90);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static HostVerdict judge(EdgeHost host) {
    return HostVerdict.of(host, NOW, STALENESS, Instant.MIN);
  }

  @Test
  @DisplayName("When a verdict is applied, then phase, conditions and observedGeneration are set and nothing else")
  void ownFieldsOnly() {
    EdgeHost host = Hosts.reported(Hosts.claimed(HostPlan.Action.Join, 2), 2, AgentReport.State.Failed, "disk full");
    host.getMetadata().setGeneration(4L);
    String othersBefore = othersOf(host);

    HostStatusUpdate.apply(host, judge(host), NOW);

    assertThat(host.getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(host.getStatus().getObservedGeneration()).isEqualTo(4L);
    assertThat(host.getStatus().getConditions()).extracting(Condition::getType)
        .containsExactly(ConditionTypes.READY, ConditionTypes.RECONCILING, ConditionTypes.STALLED);
    Condition stalled = host.getStatus().condition(ConditionTypes.STALLED).orElseThrow();
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getReason()).isEqualTo("AgentReportedFailure");
    assertThat(stalled.getMessage()).isEqualTo("disk full");
    assertThat(stalled.getObservedGeneration()).isEqualTo(4L);
    assertThat(othersOf(host)).isEqualTo(othersBefore);
  }

  @Test
  @DisplayName("When a host was never written, then it gets a status whose Ready is False")
  void noStatus() {
    EdgeHost host = Hosts.pending();

    assertThat(HostStatusUpdate.isCurrent(host, judge(host), NOW)).isFalse();
    HostStatusUpdate.apply(host, judge(host), NOW);

    Condition ready = host.getStatus().condition(ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(ready.getReason()).isEqualTo("Pending");
    assertThat(ready.getMessage()).isEqualTo("waiting for machine m-1 to register");
  }

  @Test
  @DisplayName("When the verdict is already written, then it is current later on too; a new generation is not")
  void current() {
    EdgeHost host = Hosts.available(NOW);
    HostStatusUpdate.apply(host, judge(host), NOW);

    assertThat(HostStatusUpdate.isCurrent(host, judge(host), NOW.plusSeconds(30))).isTrue();
    host.getMetadata().setGeneration(2L);
    assertThat(HostStatusUpdate.isCurrent(host, judge(host), NOW.plusSeconds(30))).isFalse();
  }

  @Test
  @DisplayName("When the phase changes, then the verdict is not current and Ready's transition time moves")
  void transition() {
    EdgeHost host = Hosts.claimed(HostPlan.Action.Join, 1);
    HostStatusUpdate.apply(host, judge(host), NOW);
    String provisioningSince = readyOf(host).getLastTransitionTime();

    Hosts.reported(host, 1, AgentReport.State.Applied, null);
    HostVerdict running = judge(host);
    assertThat(HostStatusUpdate.isCurrent(host, running, NOW.plusSeconds(60))).isFalse();
    HostStatusUpdate.apply(host, running, NOW.plusSeconds(60));

    assertThat(host.getStatus().getPhase()).isEqualTo(Phase.Running);
    assertThat(readyOf(host).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(readyOf(host).getLastTransitionTime()).isEqualTo("2026-11-24T08:01:00Z").isNotEqualTo(provisioningSince);
  }

  private static Condition readyOf(EdgeHost host) {
    return host.getStatus().condition(ConditionTypes.READY).orElseThrow();
  }

  /** The status without the reconciler's own fields, as JSON. */
  private static String othersOf(EdgeHost host) {
    EdgeHost copy = JSON.clone(host);
    copy.getStatus().setPhase(null);
    copy.getStatus().setConditions(null);
    copy.getStatus().setObservedGeneration(null);
    return JSON.asJson(copy.getStatus());
  }
}
