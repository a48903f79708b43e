package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;

/** Hand-made EdgeHosts for the unit tests of this package. */
final class Hosts {

  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private Hosts() {
  }

  /** A pre-provisioned host for machine {@code m-1}, never seen. */
  static EdgeHost pending() {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("h-1").withNamespace("store").withGeneration(1L).build());
    host.setSpec(new EdgeHostSpec("m-1"));
    return host;
  }

  /** A host last seen at {@code seen}, in no cluster. */
  static EdgeHost available(Instant seen) {
    EdgeHost host = pending();
    EdgeHostStatus status = new EdgeHostStatus();
    status.setLastSeen(seen.toString());
    host.setStatus(status);
    return host;
  }

  /** A host of cluster {@code store-0042}, seen 5 s ago, with a plan of the given action and generation. */
  static EdgeHost claimed(HostPlan.Action action, long generation) {
    EdgeHost host = available(NOW.minusSeconds(5));
    host.getStatus().setCluster(new ClusterAssignment("store-0042", HostRole.WORKER));
    HostPlan plan = new HostPlan();
    plan.setAction(action);
    plan.setGeneration(generation);
    plan.setProfileVersion("1.2.0");
    host.getStatus().setPlan(plan);
    return host;
  }

  static EdgeHost reported(EdgeHost host, long generation, AgentReport.State state, String message) {
    host.getStatus().setReport(new AgentReport(generation, state, message, NOW.toString()));
    return host;
  }
}
