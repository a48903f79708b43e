package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.host.HostRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the first plan of every host a cluster owns: the control plane first (one host
 * initialises the cluster, the other control-plane hosts join one at a time, each once every one
 * before it runs), then the workers, once every control-plane host runs. A host that already has a
 * plan for this cluster keeps it. Hosts claimed later (a scale-up, {@link ScalePlanner}) join the same way.
 *
 * <p>Plans name the control plane by address ({@link ControlPlaneAddress}): the cluster's virtual IP, or
 * else the address the initialising host reported. Without either, the initialising host is still told
 * to initialise, and the others wait, with the reason in the cluster's conditions.
 */
public final class FormationPlanner {

  private FormationPlanner() {
  }

  /** Why joins wait for the initialising host's address, as the cluster's conditions give it. */
  public static final String ADDRESS_UNKNOWN = "ControlPlaneAddressUnknown";

  /**
   * The profile version the cluster forms with, and what the cluster's spec puts in every plan.
   *
   * @param controlPlaneEndpoint the cluster's virtual IP (spec.network.controlPlaneEndpoint), or null
   */
  public record Target(String profileName, String profileVersion, List<ProfileLayer> layers,
      String controlPlaneEndpoint, PlanSettings settings) {

    /** A target with the spec's defaults. */
    public Target(String profileName, String profileVersion, List<ProfileLayer> layers, String controlPlaneEndpoint) {
      this(profileName, profileVersion, layers, controlPlaneEndpoint, PlanSettings.DEFAULTS);
    }
  }

  /** A plan to write to one host. */
  public record PlanAssignment(String host, HostPlan plan) {
  }

  /**
   * What formation decided this round.
   *
   * @param plans the plans to write, control plane first
   * @param waiting why hosts that could join were not told to, if so
   */
  public record Formation(List<PlanAssignment> plans, Optional<ClusterVerdict> waiting) {
  }

  /** The plans of {@link #decide}. */
  public static List<PlanAssignment> plans(String cluster, int wantedControlPlane, List<HostView> owned,
      Target target) {
    return decide(cluster, wantedControlPlane, owned, target).plans();
  }

  /**
   * @param cluster the cluster's name
   * @param wantedControlPlane how many control-plane hosts the cluster should have
   * @param owned the hosts the cluster owns
   * @param target what the hosts should run
   * @return the plans to write, control plane first, and why joins wait when they do
   */
  public static Formation decide(String cluster, int wantedControlPlane, List<HostView> owned, Target target) {
    List<HostView> controlPlane = owned.stream().filter(h -> h.role() == HostRole.CONTROL_PLANE)
        .sorted(Comparator.comparing(HostView::name)).toList();
    List<HostView> workers = owned.stream().filter(h -> h.role() == HostRole.WORKER)
        .sorted(Comparator.comparing(HostView::name)).toList();
    Optional<HostView> initHost = initHost(cluster, controlPlane);
    if (initHost.isEmpty()) {
      return new Formation(List.of(), Optional.empty());
    }
    Optional<String> endpoint = ControlPlaneAddress.endpoint(target.controlPlaneEndpoint(), initHost.get().address());

    List<PlanAssignment> plans = new ArrayList<>();
    if (!hasPlanFor(cluster, initHost.get())) {
      // The initialising host needs no endpoint to start the cluster: it gets its own address when it has one.
      plans.add(assignment(cluster, initHost.get(), HostPlan.Action.Init, endpoint.orElse(null), target));
    }
    List<HostView> joining = new ArrayList<>();
    // Control-plane hosts join one at a time, each once every one planned before it runs: etcd adds one member
    // at a time, and a second join while the first is still syncing could cost the quorum.
    if (initHost.get().isRunning()
        && controlPlane.stream().filter(h -> hasPlanFor(cluster, h)).allMatch(HostView::isRunning)) {
      controlPlane.stream().filter(h -> !h.equals(initHost.get()) && !hasPlanFor(cluster, h)).findFirst()
          .ifPresent(joining::add);
    }
    boolean controlPlaneReady = controlPlane.size() >= wantedControlPlane
        && controlPlane.stream().allMatch(HostView::isRunning);
    if (controlPlaneReady) {
      workers.stream().filter(h -> !hasPlanFor(cluster, h)).forEach(joining::add);
    }
    if (endpoint.isEmpty() && !joining.isEmpty()) {
      return new Formation(plans, Optional.of(ClusterVerdict.waiting(Phase.Provisioning, ADDRESS_UNKNOWN,
          "host(s) " + joining.stream().map(HostView::name).collect(Collectors.joining(", ")) + " wait to join: "
              + "the initialising host " + initHost.get().name() + " has reported no IPv4 address in "
              + "status.inventory.nics, and spec.network.controlPlaneEndpoint is unset; set it to the control "
              + "plane's virtual IP, or check the host's network")));
    }
    joining.forEach(h -> plans.add(assignment(cluster, h, HostPlan.Action.Join, endpoint.get(), target)));
    return new Formation(plans, Optional.empty());
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
    target.settings().applyTo(plan, host.role());
    // Every plan carries the site settings of the plan before it (a Configure's, for a host in no cluster).
    plan.setSite(host.plan() == null ? null : host.plan().getSite());
    return new PlanAssignment(host.name(), plan);
  }
}
