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
    return new HostView(name, Map.of(), phase, CLUSTER, role, null, null, null, addressOf(name));
  }

  /** The address every hand-made host of a cluster reports: one of its own, made from its name. */
  static String addressOf(String name) {
    return "10.1.0." + (name.chars().sum() % 250 + 1);
  }

  /** The host as one that reported no usable address. */
  static HostView withoutAddress(HostView host) {
    return new HostView(host.name(), host.labels(), host.phase(), host.cluster(), host.role(), host.plan(),
        host.profileVersion(), host.report(), null);
  }

  static HostView planned(String name, HostRole role, Phase phase, HostPlan.Action action, long generation) {
    HostPlan plan = new HostPlan();
    plan.setAction(action);
    plan.setGeneration(generation);
    plan.setCluster(CLUSTER);
    plan.setRole(role);
    plan.setProfileVersion("1.0.0");
    return new HostView(name, Map.of(), phase, CLUSTER, role, plan, phase == Phase.Running ? "1.0.0" : null, null,
        addressOf(name));
  }
}
