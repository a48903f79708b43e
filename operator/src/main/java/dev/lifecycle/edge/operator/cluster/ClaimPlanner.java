package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which Available hosts a cluster claims, and as what. A role is claimed whole or not at
 * all (three control-plane hosts, not one of three), so that a cluster short of hosts does not hold
 * hosts another cluster could use. A cluster missing control-plane hosts claims them only together
 * with every worker it lacks, and never claims workers without its whole control plane: many clusters
 * racing for scarce hosts then each get all they need or nothing, and no cluster strands a
 * control-plane host without workers, or workers without a control plane, that another cluster could
 * form with. Among candidates, control-plane hosts are taken first from those the worker selector does
 * not want, then by name, so the outcome is stable.
 */
public final class ClaimPlanner {

  private ClaimPlanner() {
  }

  /**
   * The claims to make.
   *
   * @param wantedControlPlane hosts the control plane should have
   * @param wantedWorkers workers the cluster should have
   * @param controlPlaneClaims Available hosts to claim as control-plane hosts
   * @param workerClaims Available hosts to claim as workers
   * @param controlPlaneShort control-plane hosts missing after these claims
   * @param workersShort workers missing after these claims
   * @param controlPlaneCandidates Available hosts the control-plane selector matches
   * @param workerCandidates Available hosts left for the worker selector
   */
  public record Claims(int wantedControlPlane, int wantedWorkers, List<String> controlPlaneClaims,
      List<String> workerClaims, int controlPlaneShort, int workersShort, int controlPlaneCandidates,
      int workerCandidates) {

    public boolean shortOfHosts() {
      return controlPlaneShort > 0 || workersShort > 0;
    }

    /** For a person: what the cluster waits for. */
    public String shortfallMessage() {
      return "needs " + wantedControlPlane + " control-plane and " + wantedWorkers + " worker host(s) matching its "
          + "selectors; " + controlPlaneShort + " control-plane and " + workersShort + " worker host(s) missing ("
          + controlPlaneCandidates + " Available host(s) match the control-plane selector, " + workerCandidates
          + " the worker selector)";
    }
  }

  public static Claims plan(String cluster, int controlPlaneCount, HostSelector controlPlaneSelector, int workerCount,
      HostSelector workerSelector, List<HostView> hosts) {
    long ownedControlPlane = hosts.stream().filter(h -> h.ownedBy(cluster) && h.role() == HostRole.CONTROL_PLANE)
        .count();
    long ownedWorkers = hosts.stream().filter(h -> h.ownedBy(cluster) && h.role() == HostRole.WORKER).count();
    int needControlPlane = (int) Math.max(0, controlPlaneCount - ownedControlPlane);
    int needWorkers = (int) Math.max(0, workerCount - ownedWorkers);

    List<HostView> available = hosts.stream().filter(HostView::isClaimable)
        .sorted(Comparator.comparing(HostView::name)).toList();
    List<HostView> controlPlaneCandidates = available.stream()
        .filter(h -> HostSelectors.matches(controlPlaneSelector, h.labels()))
        .sorted(Comparator.comparing((HostView h) -> HostSelectors.matches(workerSelector, h.labels()))
            .thenComparing(HostView::name))
        .toList();
    List<String> controlPlaneFits = controlPlaneCandidates.size() >= needControlPlane
        ? controlPlaneCandidates.stream().limit(needControlPlane).map(HostView::name).toList()
        : List.of();

    List<HostView> workerCandidates = available.stream()
        .filter(h -> !controlPlaneFits.contains(h.name()))
        .filter(h -> HostSelectors.matches(workerSelector, h.labels()))
        .toList();
    boolean controlPlaneWhole = controlPlaneFits.size() == needControlPlane;
    List<String> workerClaims = controlPlaneWhole && workerCandidates.size() >= needWorkers
        ? workerCandidates.stream().limit(needWorkers).map(HostView::name).toList()
        : List.of();
    // Missing control-plane hosts are claimed only with the missing workers: alone they would strand hosts.
    List<String> controlPlaneClaims = workerClaims.size() == needWorkers ? controlPlaneFits : List.of();

    return new Claims(controlPlaneCount, workerCount, new ArrayList<>(controlPlaneClaims),
        new ArrayList<>(workerClaims), needControlPlane - controlPlaneClaims.size(),
        needWorkers - workerClaims.size(), controlPlaneCandidates.size(), workerCandidates.size());
  }
}
