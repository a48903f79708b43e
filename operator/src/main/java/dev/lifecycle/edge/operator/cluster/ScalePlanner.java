package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.upgrade.MaxUnavailable;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a change of {@code workers.count} or {@code controlPlane.count} does to a cluster: which
 * of the {@link ClaimPlanner}'s claims go ahead, which surplus workers are released, and what the
 * cluster's conditions say about it. Pure, and decided from stored state only (who owns which host,
 * when it was claimed, which released hosts still reset), so an operator restarted at any moment
 * decides the same. Joins stay with the {@link FormationPlanner}: a claimed host without a plan joins
 * as during formation (control-plane hosts one at a time, each once the one before runs).
 *
 * <ul>
 *   <li>Growing: the claims go ahead, never touching a host the cluster already runs.</li>
 *   <li>Shrinking workers: the newest workers (most recently claimed, by {@code status.cluster.claimedAt};
 *       hosts without it count as oldest; ties by name, the last first) are released in one batch of at most
 *       {@code maxUnavailable} hosts out of service, counting the cluster's hosts not running (releasing a
 *       host that is not running costs nothing). The next batch waits until every released host reports its
 *       reset applied and is Available again.</li>
 *   <li>A control plane never shrinks (the CRD refuses it; an API without validation gets a Stalled condition).</li>
 *   <li>A cluster that has not formed holds all the hosts it needs or none: one that holds some (it lost part of a
 *       race for hosts to another cluster) and cannot claim the rest releases them all, so that they can form
 *       another cluster instead of being stranded.</li>
 *   <li>While a rollout is under way (or due: spec.profileRef names another version), claims and releases
 *       wait for it; the round that ends the rollout asks for another at once ({@link #goesOnAfterRollout}).
 *       A rollout that is due waits, in turn, for the hosts released earlier to finish their reset,
 *       so the two never take more than {@code maxUnavailable} hosts out together.</li>
 * </ul>
 */
public final class ScalePlanner {

  /** Hosts are being added: claimed hosts joining. */
  public static final String SCALING_UP = "ScalingUp";
  /** Surplus workers are being released and reset. */
  public static final String SCALING_DOWN = "ScalingDown";
  /** A count change waits for the rollout under way. */
  public static final String WAITS_FOR_ROLLOUT = "ScalingWaitsForRollout";
  /** spec.controlPlane.count is below the control-plane hosts the cluster has. */
  public static final String CONTROL_PLANE_SHRINK_REFUSED = "ControlPlaneShrinkRefused";

  private ScalePlanner() {
  }

  /** Where the cluster's rolling upgrade stands, as scaling sees it. */
  public enum Rollout {
    /** No rollout under way and none due. */
    NONE,
    /** spec.profileRef names another version than the cluster runs, and no rollout has begun yet. */
    DUE,
    /** A rollout is recorded in status.upgrade and not finished (paused and stalled included). */
    UNDER_WAY
  }

  /**
   * What scaling decides from.
   *
   * @param cluster the cluster's name
   * @param wantedControlPlane spec.controlPlane.count
   * @param wantedWorkers spec.workers.count
   * @param maxUnavailable spec.upgradeStrategy.maxUnavailable as text, or null for the default
   * @param formed whether the cluster has formed (status.profileVersion is set)
   * @param rollout where the rolling upgrade stands
   * @param claims what the claim planner would claim
   * @param hosts the hosts the cluster owns, and the unclaimed hosts of its namespace (released ones included)
   * @param window whether spec.upgradeStrategy.maintenanceWindows let a scale-down batch start now
   * @param replacementsUnderWay whether spares are joining in place of hosts ({@link RemediationPlanner}); the
   *     hosts they replace are left out of {@code hosts}
   */
  public record Input(String cluster, int wantedControlPlane, int wantedWorkers, String maxUnavailable,
      boolean formed, Rollout rollout, ClaimPlanner.Claims claims, List<HostView> hosts, Window window,
      boolean replacementsUnderWay) {

    /** An input for a cluster replacing no host. */
    public Input(String cluster, int wantedControlPlane, int wantedWorkers, String maxUnavailable, boolean formed,
        Rollout rollout, ClaimPlanner.Claims claims, List<HostView> hosts, Window window) {
      this(cluster, wantedControlPlane, wantedWorkers, maxUnavailable, formed, rollout, claims, hosts, window, false);
    }

    /** An input for a cluster without maintenance windows. */
    public Input(String cluster, int wantedControlPlane, int wantedWorkers, String maxUnavailable, boolean formed,
        Rollout rollout, ClaimPlanner.Claims claims, List<HostView> hosts) {
      this(cluster, wantedControlPlane, wantedWorkers, maxUnavailable, formed, rollout, claims, hosts, Window.OPEN);
    }
  }

  /**
   * Whether a scale-down batch may start now: like a rollout batch, only inside a maintenance window (claims for
   * a scale-up need none).
   *
   * @param open whether a window is open now, or none is set
   * @param nextOpening when the next window opens, while they are closed; empty when unknown (windows that
   *     cannot be read)
   */
  public record Window(boolean open, Optional<Instant> nextOpening) {
    public static final Window OPEN = new Window(true, Optional.empty());
  }

  /**
   * What scaling decided.
   *
   * @param controlPlaneClaims hosts to claim as control-plane hosts now
   * @param workerClaims hosts to claim as workers now
   * @param releases surplus workers to release with a Reset plan now, newest first
   * @param holdsRollout whether a due rollout must not begin yet (released hosts still reset)
   * @param verdict the conditions scaling asks for, if any
   * @param waitsForRollout what waits for the rollout under way, for the conditions' message, if anything
   */
  public record Scale(List<String> controlPlaneClaims, List<String> workerClaims, List<String> releases,
      boolean holdsRollout, Optional<ClusterVerdict> verdict, Optional<String> waitsForRollout) {
  }

  public static Scale decide(Input in) {
    List<HostView> owned = in.hosts().stream().filter(h -> h.ownedBy(in.cluster())).toList();
    List<HostView> controlPlane = role(owned, HostRole.CONTROL_PLANE);
    List<HostView> workers = role(owned, HostRole.WORKER);
    List<HostView> resetting = releasedByScaleDown(in.cluster(), in.hosts());
    ClaimPlanner.Claims claims = in.claims();
    int surplus = workers.size() - in.wantedWorkers();
    boolean holdsRollout = in.rollout() == Rollout.DUE && !resetting.isEmpty();
    boolean rolloutBusy = in.rollout() == Rollout.UNDER_WAY || (in.rollout() == Rollout.DUE && resetting.isEmpty());

    if (controlPlane.size() > in.wantedControlPlane()) {
      return new Scale(List.of(), claims.workerClaims(), List.of(), holdsRollout,
          Optional.of(ClusterVerdict.stalled(Phase.Degraded, CONTROL_PLANE_SHRINK_REFUSED, "spec.controlPlane.count "
              + "is " + in.wantedControlPlane() + " but the cluster has " + controlPlane.size() + " control-plane "
              + "hosts (" + names(controlPlane) + "); a control plane cannot shrink: set it back to "
              + controlPlane.size())), Optional.empty());
    }
    boolean wantsClaims = !claims.controlPlaneClaims().isEmpty() || !claims.workerClaims().isEmpty();
    if (in.formed() && rolloutBusy && (wantsClaims || surplus > 0)) {
      return new Scale(List.of(), List.of(), List.of(), false, Optional.empty(),
          Optional.of("scaling to " + in.wantedControlPlane() + " control-plane and " + in.wantedWorkers()
              + " worker host(s) (the cluster has " + controlPlane.size() + " and " + workers.size()
              + ") waits for the rollout to finish"));
    }

    if (abandonsClaim(in.formed(), claims, in.replacementsUnderWay()) && !owned.isEmpty()) {
      return new Scale(List.of(), List.of(), owned.stream().map(HostView::name).sorted().toList(), false,
          Optional.empty(), Optional.empty());
    }

    List<String> releases = new ArrayList<>();
    Optional<ClusterVerdict> verdict;
    if (surplus > 0 && resetting.isEmpty() && in.replacementsUnderWay()) {
      // Newest first would release a spare still joining in place of a dead host.
      verdict = Optional.of(scalingDown(in, surplus + " surplus worker(s) wait for the host replacement under way"));
    } else if (surplus > 0 && resetting.isEmpty() && !in.window().open()) {
      verdict = Optional.of(scalingDown(in, surplus + " surplus worker(s) wait for the maintenance window"
          + in.window().nextOpening().map(t -> " opening at " + t).orElse("")
          + ": a scale-down batch, like a rollout batch, starts only inside one"));
    } else if (surplus > 0 && resetting.isEmpty()) {
      long outOfService = owned.stream().filter(h -> !h.isRunning()).count();
      int limit = maxUnavailable(in.maxUnavailable(), owned.size());
      long budget = limit - outOfService;
      for (HostView candidate : newestFirst(workers)) {
        long cost = candidate.isRunning() ? 1 : 0;
        if (releases.size() == surplus || cost > budget) {
          break;
        }
        releases.add(candidate.name());
        budget -= cost;
      }
      verdict = Optional.of(releases.isEmpty()
          ? scalingDown(in, "at most " + limit + " host(s) may be out of service and " + outOfService + " are; "
              + surplus + " surplus worker(s) wait")
          : scalingDown(in, "releasing " + String.join(", ", releases) + " with a Reset plan; "
              + (surplus - releases.size()) + " surplus worker(s) left after this batch"));
    } else if (!resetting.isEmpty()) {
      verdict = Optional.of(scalingDown(in, "waiting for " + describe(resetting) + " to report the reset applied"
          + (surplus > 0 ? "; " + surplus + " surplus worker(s) left" : "")
          + (holdsRollout ? "; the upgrade to the new profile version starts after" : "")));
    } else if (in.formed() && claims.shortOfHosts()) {
      verdict = Optional.of(ClusterVerdict.waiting(Phase.Provisioning, "InsufficientHosts", claims.shortfallMessage()));
    } else {
      List<HostView> joining = owned.stream().filter(h -> h.phase() == EdgeHostStatus.Phase.Provisioning)
          .sorted(Comparator.comparing(HostView::name)).toList();
      verdict = in.formed() && (wantsClaims || !joining.isEmpty())
          ? Optional.of(ClusterVerdict.waiting(Phase.Provisioning, SCALING_UP, "scaling to "
              + in.wantedControlPlane() + " control-plane and " + in.wantedWorkers() + " worker host(s): "
              + (joining.isEmpty() ? "claiming hosts" : names(joining) + " joining")
              + (controlPlane.size() > 1 && controlPlane.stream().anyMatch(h -> !h.isRunning())
                  ? " (control-plane hosts join one at a time, each once the one before it runs)" : "")))
          : Optional.empty();
    }
    // A failed or silent host of the cluster is what a person must see first: the hosts' own verdict names it.
    boolean hostInTrouble = owned.stream().anyMatch(h -> h.phase() == EdgeHostStatus.Phase.Failed
        || h.phase() == EdgeHostStatus.Phase.Unreachable);
    return new Scale(claims.controlPlaneClaims(), claims.workerClaims(), releases, holdsRollout,
        hostInTrouble ? Optional.empty() : verdict, Optional.empty());
  }

  /**
   * Whether a cluster releases every host it holds: it has not formed, and cannot claim all the hosts it lacks.
   *
   * @param replacementsUnderWay whether spares are joining in place of hosts
   */
  public static boolean abandonsClaim(boolean formed, ClaimPlanner.Claims claims, boolean replacementsUnderWay) {
    return !formed && claims.shortOfHosts() && !replacementsUnderWay;
  }

  /**
   * Whether the cluster must be reconciled again at once: a count change waited for a rollout that ended (Complete or
   * RolledBack) in this very round. Scaling was decided from the status the round began with, and the cluster's own
   * status write wakes nothing, so without another round the change would wait for the next event of a host (its
   * heartbeat, up to a heartbeat interval later).
   *
   * @param upgradeBefore status.upgrade as the round began
   * @param upgradeAfter status.upgrade as the round wrote it
   */
  public static boolean goesOnAfterRollout(Scale scale, UpgradeStatus upgradeBefore, UpgradeStatus upgradeAfter) {
    return scale.waitsForRollout().isPresent() && RolloutStep.active(upgradeBefore)
        && !RolloutStep.active(upgradeAfter);
  }

  /**
   * The hosts as the cluster recorded them in status.hosts when the host cache does not show the claim yet (a
   * claim written last round whose watch event has not arrived): counted as owned, so that a stale cache never
   * makes the claim planner claim more hosts than the counts.
   *
   * @param recorded the names and roles of status.hosts
   */
  public static List<HostView> withRecordedClaims(String cluster, List<HostView> hosts,
      java.util.Map<String, HostRole> recorded) {
    return hosts.stream()
        .map(h -> h.isAvailable() && recorded.containsKey(h.name()) ? h.claimedBy(cluster, recorded.get(h.name())) : h)
        .toList();
  }

  /**
   * The hosts a scale-down released that have not reported their reset applied: released by the cluster, not
   * silent, and not a host a spare replaced (its leaving took nothing out of service), by name.
   */
  static List<HostView> releasedByScaleDown(String cluster, List<HostView> hosts) {
    Set<String> replaced = hosts.stream().filter(h -> h.ownedBy(cluster) && h.replaces() != null)
        .map(HostView::replaces).collect(Collectors.toSet());
    return hosts.stream().filter(h -> h.resettingFrom(cluster) && !replaced.contains(h.name()))
        .sorted(Comparator.comparing(HostView::name)).toList();
  }

  /** The workers a scale-down releases first: the most recently claimed, then by name, the last first. */
  static List<HostView> newestFirst(List<HostView> workers) {
    return workers.stream()
        .sorted(Comparator.comparing((HostView h) -> h.claimedAt() == null ? Instant.MIN : h.claimedAt())
            .thenComparing(HostView::name).reversed())
        .toList();
  }

  private static ClusterVerdict scalingDown(Input in, String detail) {
    return ClusterVerdict.waiting(Phase.Running, SCALING_DOWN, "scaling down to " + in.wantedWorkers()
        + " worker(s): " + detail);
  }

  /** spec.upgradeStrategy.maxUnavailable over {@code hosts}; a value the CRD would refuse counts as 1. */
  static int maxUnavailable(String value, int hosts) {
    try {
      return MaxUnavailable.resolve(value, hosts);
    } catch (IllegalArgumentException e) {
      // The CRD refuses such a value; without validation, release one host at a time.
      return 1;
    }
  }

  private static String describe(List<HostView> hosts) {
    return hosts.stream().map(h -> h.name() + " (" + h.phase() + ")").collect(Collectors.joining(", "));
  }

  private static List<HostView> role(List<HostView> hosts, HostRole role) {
    return hosts.stream().filter(h -> h.role() == role).toList();
  }

  private static String names(List<HostView> hosts) {
    return hosts.stream().map(HostView::name).collect(Collectors.joining(", "));
  }
}
