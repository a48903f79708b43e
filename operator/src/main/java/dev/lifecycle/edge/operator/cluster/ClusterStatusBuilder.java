package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.status.StatusContract;
import dev.lifecycle.edge.operator.status.StatusVerdict;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes an EdgeCluster's status from its hosts and what blocks it: phase, hosts, ready counts,
 * the version it runs, and Ready/Reconciling/Stalled. Pure: the reconciler passes in what it read.
 */
public final class ClusterStatusBuilder {

  private ClusterStatusBuilder() {
  }

  /**
   * What the reconciler found.
   *
   * @param generation the cluster's metadata.generation
   * @param wantedControlPlane control-plane hosts wanted
   * @param wantedWorkers workers wanted
   * @param targetVersion the profile version the cluster forms with, or null when the profile is unusable
   * @param blocker why the cluster cannot progress (profile missing or invalid), if so
   * @param claims the claims decided this round
   * @param owned the hosts the cluster owns after this round's writes
   * @param rollout what the rolling upgrade decided this round: status.upgrade, the version the cluster
   *     runs, and the conditions it asks for while a rollout is under way or has been rolled back
   * @param hold what stops the cluster from planning hosts whatever its state (its join secret lost), if so;
   *     it decides the conditions, and the phase too when it names one
   * @param scale what scaling decided this round, or null
   * @param remediation what host replacement decided this round, or null
   */
  public record Observation(long generation, int wantedControlPlane, int wantedWorkers, String targetVersion,
      Optional<ClusterVerdict> blocker, ClaimPlanner.Claims claims, List<HostView> owned, RolloutReport rollout,
      Optional<ClusterVerdict> hold, ScalePlanner.Scale scale, RemediationReport remediation) {

    public Observation(long generation, int wantedControlPlane, int wantedWorkers, String targetVersion,
        Optional<ClusterVerdict> blocker, ClaimPlanner.Claims claims, List<HostView> owned, RolloutReport rollout,
        Optional<ClusterVerdict> hold, ScalePlanner.Scale scale) {
      this(generation, wantedControlPlane, wantedWorkers, targetVersion, blocker, claims, owned, rollout, hold, scale,
          null);
    }

    public Observation(long generation, int wantedControlPlane, int wantedWorkers, String targetVersion,
        Optional<ClusterVerdict> blocker, ClaimPlanner.Claims claims, List<HostView> owned, RolloutReport rollout,
        Optional<ClusterVerdict> hold) {
      this(generation, wantedControlPlane, wantedWorkers, targetVersion, blocker, claims, owned, rollout, hold, null);
    }

    public Observation(long generation, int wantedControlPlane, int wantedWorkers, String targetVersion,
        Optional<ClusterVerdict> blocker, ClaimPlanner.Claims claims, List<HostView> owned, RolloutReport rollout) {
      this(generation, wantedControlPlane, wantedWorkers, targetVersion, blocker, claims, owned, rollout,
          Optional.empty());
    }

    public Observation(long generation, int wantedControlPlane, int wantedWorkers, String targetVersion,
        Optional<ClusterVerdict> blocker, ClaimPlanner.Claims claims, List<HostView> owned) {
      this(generation, wantedControlPlane, wantedWorkers, targetVersion, blocker, claims, owned, null);
    }
  }

  /**
   * A rollout's share of the status.
   *
   * @param upgrade status.upgrade, or null when the cluster never upgraded
   * @param profileVersion the version the cluster runs (changes when a rollout completes)
   * @param verdict the conditions while a rollout is under way, stalled or rolled back
   */
  public record RolloutReport(UpgradeStatus upgrade, String profileVersion, Optional<ClusterVerdict> verdict) {
  }

  /**
   * Host replacement's share of the status.
   *
   * @param verdict the conditions remediation asks for, if any
   * @param unhealthySince since when each unhealthy host is unhealthy, by name (status.hosts[].unhealthySince)
   * @param replaces the host each spare under way replaces, by the spare's name (status.hosts[].replaces)
   * @param records status.replacements
   */
  public record RemediationReport(Optional<ClusterVerdict> verdict, Map<String, Instant> unhealthySince,
      Map<String, String> replaces, List<HostReplacement> records) {
  }

  public static EdgeClusterStatus build(Observation seen, EdgeClusterStatus previous, Instant now) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    if (previous != null) {
      status.setConditions(previous.getConditions());
      status.setUpgrade(previous.getUpgrade());
      status.setProfileVersion(previous.getProfileVersion());
    }
    if (seen.rollout() != null) {
      status.setUpgrade(seen.rollout().upgrade());
      status.setProfileVersion(seen.rollout().profileVersion());
    }
    List<HostView> controlPlane = role(seen.owned(), HostRole.CONTROL_PLANE);
    List<HostView> workers = role(seen.owned(), HostRole.WORKER);
    long controlPlaneRunning = controlPlane.stream().filter(HostView::isRunning).count();
    long workersRunning = workers.stream().filter(HostView::isRunning).count();
    status.setControlPlaneReady(controlPlaneRunning + "/" + seen.wantedControlPlane());
    status.setWorkersReady(workersRunning + "/" + seen.wantedWorkers());
    status.setHosts(seen.owned().stream()
        .sorted(Comparator.comparing((HostView h) -> h.role() == HostRole.CONTROL_PLANE ? 0 : 1)
            .thenComparing(HostView::name))
        .map(h -> clusterHost(h, seen.remediation()))
        .toList());
    Optional.ofNullable(seen.remediation()).ifPresent(r -> status.setReplacements(r.records()));

    // At least: while a spare and the host it replaces both run, the cluster has one host more than wanted.
    boolean allRunning = controlPlaneRunning >= seen.wantedControlPlane() && workersRunning >= seen.wantedWorkers();
    if (status.getProfileVersion() == null && allRunning && seen.targetVersion() != null) {
      status.setProfileVersion(seen.targetVersion());
    }
    ClusterVerdict hostsVerdict = verdict(seen, status.getProfileVersion() != null, allRunning,
        controlPlaneRunning, workersRunning);
    boolean formed = status.getProfileVersion() != null;
    Optional<ClusterVerdict> rolloutVerdict = Optional.ofNullable(seen.rollout()).flatMap(RolloutReport::verdict);
    Optional<ScalePlanner.Scale> scale = Optional.ofNullable(seen.scale()).filter(s -> formed);
    ClusterVerdict verdict = seen.hold()
        .or(() -> scale.flatMap(ScalePlanner.Scale::waitsForRollout)
            .flatMap(waits -> rolloutVerdict.map(rolling -> waitingForRollout(rolling, waits))))
        .or(() -> rolloutVerdict)
        .or(() -> Optional.ofNullable(seen.remediation()).filter(r -> formed).flatMap(RemediationReport::verdict))
        .or(() -> scale.flatMap(ScalePlanner.Scale::verdict))
        .map(v -> v.phase() != null ? v : new ClusterVerdict(hostsVerdict.phase(), v.ready(), v.reconciling(),
            v.stalled(), v.reason(), v.message()))
        .orElse(hostsVerdict);
    status.setPhase(verdict.phase());
    StatusContract.apply(status, StatusVerdict.of(verdict.ready(), verdict.reconciling(), verdict.stalled(),
        verdict.reason(), verdict.message()), seen.generation(), now);
    return status;
  }

  /** A rollout's conditions, saying that a count change waits for it (a stalled rollout keeps its reason). */
  private static ClusterVerdict waitingForRollout(ClusterVerdict rolling, String waits) {
    if (rolling.stalled()) {
      return new ClusterVerdict(rolling.phase(), rolling.ready(), rolling.reconciling(), true, rolling.reason(),
          rolling.message() + "; " + waits);
    }
    return new ClusterVerdict(rolling.phase(), rolling.ready(), rolling.reconciling(), false,
        ScalePlanner.WAITS_FOR_ROLLOUT, waits + ": " + rolling.message());
  }

  private static ClusterVerdict verdict(Observation seen, boolean formed, boolean allRunning,
      long controlPlaneRunning, long workersRunning) {
    String counts = controlPlaneRunning + "/" + seen.wantedControlPlane() + " control-plane and " + workersRunning
        + "/" + seen.wantedWorkers() + " worker host(s) running";
    List<HostView> failed = seen.owned().stream()
        .filter(h -> h.phase() == EdgeHostStatus.Phase.Failed).sorted(Comparator.comparing(HostView::name)).toList();
    if (!formed && !failed.isEmpty()) {
      return ClusterVerdict.stalled(Phase.Failed, "HostFailed", "formation stopped: host(s) " + names(failed)
          + " reported failure; fix or replace them");
    }
    if (seen.blocker().isPresent() && !formed) {
      return seen.blocker().get();
    }
    if (formed && allRunning) {
      return new ClusterVerdict(Phase.Running, true, false, false, "Running", counts);
    }
    if (formed) {
      List<HostView> unhealthy = seen.owned().stream().filter(h -> !h.isRunning())
          .sorted(Comparator.comparing(HostView::name)).toList();
      String why = unhealthy.isEmpty() ? seen.claims().shortfallMessage()
          : "host(s) not running: " + unhealthy.stream().map(h -> h.name() + " (" + h.phase() + ")")
              .collect(Collectors.joining(", "));
      return new ClusterVerdict(Phase.Degraded, false, false, false, "Degraded", counts + "; " + why);
    }
    if (seen.claims().shortOfHosts()) {
      Phase phase = seen.owned().isEmpty() ? Phase.Pending : Phase.Provisioning;
      return ClusterVerdict.waiting(phase, "InsufficientHosts", seen.claims().shortfallMessage());
    }
    return ClusterVerdict.waiting(Phase.Provisioning, "Forming", "forming: " + counts);
  }

  private static ClusterHost clusterHost(HostView host, RemediationReport remediation) {
    ClusterHost entry = new ClusterHost(host.name(), host.role(), host.profileVersion(), host.phase());
    if (remediation != null) {
      Optional.ofNullable(remediation.unhealthySince().get(host.name())).ifPresent(t -> entry.setUnhealthySince(
          t.toString()));
      entry.setReplaces(remediation.replaces().get(host.name()));
    }
    return entry;
  }

  private static List<HostView> role(List<HostView> hosts, HostRole role) {
    return hosts.stream().filter(h -> h.role() == role).toList();
  }

  private static String names(List<HostView> hosts) {
    return hosts.stream().map(HostView::name).collect(Collectors.joining(", "));
  }
}
