package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.operator.support.HostReconcilerFixture;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The phases of a host that keeps reporting, driven by the agent's and the cluster's writes. */
class EdgeHostPhasesIT extends HostReconcilerFixture {

  private static final Duration WAIT = Duration.ofSeconds(10);

  EdgeHostPhasesIT() {
    super("hostphases");
  }

  private void awaitPhase(HostScript host, Phase phase) {
    await().atMost(WAIT).until(host::phase, p -> p == phase);
  }

  @Test
  @DisplayName("When a pre-provisioned host has not registered, then it is Pending and not Ready; "
      + "when it registers, then it is Available and Ready")
  void pendingThenAvailable() {
    HostScript host = new HostScript(harness.client(), namespace, "h-pending");
    EdgeHost created = host.preProvision();

    awaitPhase(host, Phase.Pending);
    Condition pending = host.condition(ConditionTypes.READY);
    assertThat(pending.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(pending.getReason()).isEqualTo("Pending");
    assertThat(pending.getMessage()).isEqualTo("waiting for machine machine-h-pending to register");
    assertThat(host.condition(ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(host.condition(ConditionTypes.STALLED).getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(host.read().getStatus().getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());

    host.register();

    awaitPhase(host, Phase.Available);
    Condition available = host.condition(ConditionTypes.READY);
    assertThat(available.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(available.getReason()).isEqualTo("Available");
    assertThat(host.read().getStatus().getRegistration().getMachineId()).isEqualTo("machine-h-pending");
    await().atMost(WAIT).until(() -> host.events("Registered"), events -> events.size() == 1);
  }

  @Test
  @DisplayName("When a host is claimed, applies its plan, upgrades and fails, then its phase, conditions and "
      + "Events follow: Provisioning, Running, Upgrading, Failed and Stalled")
  void claimedHostLifecycle() {
    HostScript host = new HostScript(harness.client(), namespace, "h-claimed");
    host.preProvision();
    host.register();
    awaitPhase(host, Phase.Available);

    host.plan(HostPlan.Action.Init, 1, "1.2.0");
    awaitPhase(host, Phase.Provisioning);
    assertThat(host.condition(ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(host.condition(ConditionTypes.READY).getReason()).isEqualTo("Provisioning");

    host.report(1, AgentReport.State.Applied, null);
    awaitPhase(host, Phase.Running);
    assertThat(host.condition(ConditionTypes.READY).getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(host.condition(ConditionTypes.RECONCILING).getStatus()).isEqualTo(ConditionStatus.False);

    host.plan(HostPlan.Action.Upgrade, 2, "1.3.0");
    awaitPhase(host, Phase.Upgrading);
    assertThat(host.condition(ConditionTypes.READY).getMessage())
        .isEqualTo("claimed by cluster store-0042 as control-plane; upgrading to plan generation 2 "
            + "(profile version 1.3.0)");

    host.report(2, AgentReport.State.Failed, "kubelet did not start: exit code 3");
    awaitPhase(host, Phase.Failed);
    Condition stalled = host.condition(ConditionTypes.STALLED);
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getReason()).isEqualTo("AgentReportedFailure");
    assertThat(stalled.getMessage()).isEqualTo("kubelet did not start: exit code 3");
    assertThat(host.condition(ConditionTypes.READY).getReason()).isEqualTo("Failed");
    assertThat(host.read().getStatus().getPlan().getGeneration()).isEqualTo(2L);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(host.events("Provisioning")).hasSize(1);
      assertThat(host.events("Running")).hasSize(1);
      assertThat(host.events("Upgrading")).hasSize(1);
      assertThat(host.events("Failed")).singleElement().extracting(Event::getType).isEqualTo("Warning");
    });
  }

  @Test
  @DisplayName("When the host's spec changes, then observedGeneration follows metadata.generation")
  void observedGeneration() {
    HostScript host = new HostScript(harness.client(), namespace, "h-generation");
    host.preProvision();
    host.register();
    awaitPhase(host, Phase.Available);

    EdgeHost edited = harness.client().resources(EdgeHost.class).inNamespace(namespace).withName("h-generation")
        .edit(h -> {
          h.getSpec().setSite(new SiteSettings());
          h.getSpec().getSite().setHostname("till-3");
          return h;
        });

    await().atMost(WAIT).until(() -> host.read().getStatus().getObservedGeneration(),
        g -> g != null && g.equals(edited.getMetadata().getGeneration()));
    assertThat(edited.getMetadata().getGeneration()).isGreaterThan(1L);
    assertThat(host.condition(ConditionTypes.READY).getObservedGeneration())
        .isEqualTo(edited.getMetadata().getGeneration());
  }
}
