package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;

/**
 * Drives one EdgeHost in an integration test the way the other writers will: the agent's part of the
 * status through {@link AgentStatusWriter} (as the gateway will), the cluster's part (cluster,
 * plan) through {@link StatusWriter} (as the cluster reconciler does).
 */
final class HostScript {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final AgentStatusWriter agent;
  private final StatusWriter writer;

  HostScript(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.writer = new StatusWriter(client);
    this.agent = new AgentStatusWriter(writer);
  }

  /** Creates the EdgeHost a user applies before the machine ships: spec.machineId, no status. */
  EdgeHost preProvision() {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    host.setSpec(new EdgeHostSpec(machineId()));
    return client.resource(host).create();
  }

  String machineId() {
    return "machine-" + name;
  }

  EdgeHost register() {
    HostInventory inventory = new HostInventory();
    inventory.setArch("arm64");
    return agent.registered(read(), "store-token", machineId(), inventory, Instant.now()).orElseThrow();
  }

  EdgeHost heartbeat() {
    return agent.heartbeat(read(), Instant.now()).orElseThrow();
  }

  EdgeHost report(long generation, AgentReport.State state, String message) {
    return agent.reported(read(), generation, state, message, "1.2.0", Instant.now()).orElseThrow();
  }

  /** Claims the host for a cluster and hands it a plan, as the cluster reconciler does. */
  EdgeHost plan(HostPlan.Action action, long generation, String profileVersion) {
    return writer.update(read(), fresh -> {
      fresh.getStatus().setCluster(new ClusterAssignment("store-0042", HostRole.CONTROL_PLANE));
      HostPlan plan = new HostPlan();
      plan.setAction(action);
      plan.setGeneration(generation);
      plan.setCluster("store-0042");
      plan.setRole(HostRole.CONTROL_PLANE);
      plan.setProfileVersion(profileVersion);
      fresh.getStatus().setPlan(plan);
      return fresh;
    }).orElseThrow();
  }

  EdgeHost read() {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  /** The phase, or null before the reconciler wrote one. */
  EdgeHostStatus.Phase phase() {
    EdgeHostStatus status = read().getStatus();
    return status == null ? null : status.getPhase();
  }

  Condition condition(String type) {
    return read().getStatus().condition(type).orElseThrow();
  }

  /** The Events recorded on this host with the given reason. */
  List<Event> events(String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }
}
