package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import java.util.Map;

/** Hand-made hosts for the planner tests. */
final class Hosts {

  static final String CLUSTER = "store-0042";

  private Hosts() {
  }

  static HostView available(String name, Map<String, String> labels) {
    return new HostView(name, labels, Phase.Available, null, null, null, null);
  }

  static HostView available(String name) {
    return available(name, Map.of());
  }

  static HostView owned(String name, HostRole role, Phase phase) {
    return new HostView(name, Map.of(), phase, CLUSTER, role, null, null);
  }

  static HostView planned(String name, HostRole role, Phase phase, HostPlan.Action action, long generation) {
    HostPlan plan = new HostPlan();
    plan.setAction(action);
    plan.setGeneration(generation);
    plan.setCluster(CLUSTER);
    plan.setRole(role);
    plan.setProfileVersion("1.0.0");
    return new HostView(name, Map.of(), phase, CLUSTER, role, plan, phase == Phase.Running ? "1.0.0" : null);
  }
}
