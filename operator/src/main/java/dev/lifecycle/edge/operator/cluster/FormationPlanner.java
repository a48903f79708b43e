package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.host.HostRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the first plan of every host a cluster owns: the control plane first (one host
 * initialises the cluster, the other control-plane hosts join once it runs), then the workers, once
 * every control-plane host runs. A host that already has a plan for this cluster keeps it.
 */
public final class FormationPlanner {

  private FormationPlanner() {
  }

  /** The profile version the cluster forms with. */
  public record Target(String profileName, String profileVersion, List<ProfileLayer> layers,
      String controlPlaneEndpoint) {
  }

  /** A plan to write to one host. */
  public record PlanAssignment(String host, HostPlan plan) {
  }

  /**
   * @param cluster the cluster's name
   * @param wantedControlPlane how many control-plane hosts the cluster should have
   * @param owned the hosts the cluster owns
   * @param target what the hosts should run
   * @return the plans to write, control plane first
   */
  public static List<PlanAssignment> plans(String cluster, int wantedControlPlane, List<HostView> owned,
      Target target) {
    List<HostView> controlPlane = owned.stream().filter(h -> h.role() == HostRole.CONTROL_PLANE)
        .sorted(Comparator.comparing(HostView::name)).toList();
    List<HostView> workers = owned.stream().filter(h -> h.role() == HostRole.WORKER)
        .sorted(Comparator.comparing(HostView::name)).toList();
    Optional<HostView> initHost = initHost(cluster, controlPlane);
    if (initHost.isEmpty()) {
      return List.of();
    }
    String endpoint = target.controlPlaneEndpoint() != null ? target.controlPlaneEndpoint() : initHost.get().name();

    List<PlanAssignment> plans = new ArrayList<>();
    if (!hasPlanFor(cluster, initHost.get())) {
      plans.add(assignment(cluster, initHost.get(), HostPlan.Action.Init, endpoint, target));
    }
    if (initHost.get().isRunning()) {
      controlPlane.stream().filter(h -> !h.equals(initHost.get()) && !hasPlanFor(cluster, h))
          .forEach(h -> plans.add(assignment(cluster, h, HostPlan.Action.Join, endpoint, target)));
    }
    boolean controlPlaneReady = controlPlane.size() >= wantedControlPlane
        && controlPlane.stream().allMatch(HostView::isRunning);
    if (controlPlaneReady) {
      workers.stream().filter(h -> !hasPlanFor(cluster, h))
          .forEach(h -> plans.add(assignment(cluster, h, HostPlan.Action.Join, endpoint, target)));
    }
    return plans;
  }

  /**
   * The host that initialises the cluster: the one already told to; else one whose plan for this cluster
   * has since been replaced (a Configure or an Upgrade of the init host), so no second Init is issued;
   * else the first by name.
   */
  static Optional<HostView> initHost(String cluster, List<HostView> controlPlane) {
    return controlPlane.stream()
        .filter(h -> hasPlanFor(cluster, h) && h.plan().getAction() == HostPlan.Action.Init)
        .findFirst()
        .or(() -> controlPlane.stream()
            .filter(h -> hasPlanFor(cluster, h) && h.plan().getAction() != HostPlan.Action.Join)
            .findFirst())
        .or(() -> controlPlane.stream().findFirst());
  }

  static boolean hasPlanFor(String cluster, HostView host) {
    HostPlan plan = host.plan();
    return plan != null && cluster.equals(plan.getCluster()) && plan.getAction() != HostPlan.Action.Reset;
  }

  private static PlanAssignment assignment(String cluster, HostView host, HostPlan.Action action, String endpoint,
      Target target) {
    HostPlan plan = new HostPlan();
    // Generations only grow, across clusters and resets, so an agent never mistakes a new plan for an old one.
    plan.setGeneration(HostRules.nextPlanGeneration(host.plan()));
    plan.setAction(action);
    plan.setCluster(cluster);
    plan.setRole(host.role());
    plan.setProfile(target.profileName());
    plan.setProfileVersion(target.profileVersion());
    plan.setControlPlaneEndpoint(endpoint);
    plan.setLayers(new ArrayList<>(target.layers()));
    // Every plan carries the site settings of the plan before it (a Configure's, for a host in no cluster).
    plan.setSite(host.plan() == null ? null : host.plan().getSite());
    return new PlanAssignment(host.name(), plan);
  }
}
