package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import java.util.ArrayList;
import java.util.List;

/**
 * How a cluster stands, for the site's people and its API, read from the EdgeCluster's status alone. Pure.
 *
 * @param name the cluster
 * @param phase Pending, Provisioning, Running, Upgrading, Degraded, Failed or Deleting (Pending before the operator
 *     looked at it)
 * @param profile the ClusterProfile it is asked to run
 * @param version the version the whole cluster runs, or null before it formed
 * @param targetVersion the version it moves to while forming or upgrading, or null when it is there
 * @param hostsDone hosts healthy on the target (forming: running; upgrading: moved and healthy)
 * @param hostsTotal hosts of the formation or the rollout
 * @param inFlight hosts working on a plan right now
 * @param paused whether spec.paused holds the rollout
 * @param rollout the rollout's phase (Progressing, Paused, Stalled, RollingBack, RolledBack, Complete), or null
 * @param conditions each condition in words
 * @param summary one sentence for a person
 */
public record ClusterProgress(String name, String phase, String profile, String version, String targetVersion,
    int hostsDone, int hostsTotal, List<String> inFlight, boolean paused, String rollout, List<String> conditions,
    String summary) {

  public static ClusterProgress of(EdgeCluster cluster) {
    String name = cluster.getMetadata().getName();
    EdgeClusterSpec spec = cluster.getSpec();
    EdgeClusterStatus status = cluster.getStatus();
    String profile = spec.getProfileRef() == null ? null : spec.getProfileRef().getName();
    boolean paused = spec.isPaused();
    String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
    String version = status == null ? null : status.getProfileVersion();
    UpgradeStatus upgrade = status == null ? null : status.getUpgrade();
    List<ClusterHost> hosts = status == null ? List.of() : status.getHosts();
    List<String> conditions = status == null ? List.of() : status.getConditions().stream()
        .map(ClusterProgress::words).toList();

    int wanted = count(spec.getControlPlane() == null ? null : spec.getControlPlane().getCount(), 1)
        + count(spec.getWorkers() == null ? null : spec.getWorkers().getCount(), 0);
    String summary;
    int done;
    int total;
    String target = null;
    List<String> inFlight;
    String rollout = upgrade == null || upgrade.getPhase() == null ? null : upgrade.getPhase().name();
    if (RolloutStep.active(upgrade)) {
      done = count(upgrade.getUpdated(), 0);
      total = count(upgrade.getTotal(), 0);
      inFlight = upgrade.getInFlight() == null ? List.of() : List.copyOf(upgrade.getInFlight());
      target = RolloutStep.destination(upgrade);
      summary = (upgrade.getPhase() == UpgradeStatus.Phase.RollingBack ? "Rolling back from " + upgrade.getTo()
          + " to " + upgrade.getFrom() : "Upgrading from " + upgrade.getFrom() + " to " + upgrade.getTo()) + ": "
          + done + " of " + total + " hosts done" + inFlightWords(inFlight)
          + (upgrade.getPhase() == UpgradeStatus.Phase.Stalled ? "; stalled" + (upgrade.getFailedHost() == null ? ""
          : " at host " + upgrade.getFailedHost()) + (upgrade.getFailure() == null ? "" : ": "
          + upgrade.getFailure()) : "")
          + (upgrade.getNextWindow() != null ? "; waiting for the maintenance window at " + upgrade.getNextWindow()
          : "") + (paused ? "; paused: resume to go on" : "");
    } else {
      total = Math.max(wanted, hosts.size());
      done = (int) hosts.stream().filter(h -> h.getState() == EdgeHostStatus.Phase.Running).count();
      inFlight = hosts.stream().filter(h -> h.getState() == EdgeHostStatus.Phase.Provisioning
          || h.getState() == EdgeHostStatus.Phase.Upgrading).map(ClusterHost::getName).toList();
      if (version == null) {
        summary = "Forming: " + done + " of " + total + " hosts running" + inFlightWords(inFlight);
      } else {
        summary = phase + " on " + version + ": " + done + " of " + total + " hosts running" + inFlightWords(inFlight);
      }
      String unhealthy = String.join(", ", hosts.stream().filter(h -> h.getState() == EdgeHostStatus.Phase.Failed
          || h.getState() == EdgeHostStatus.Phase.Unreachable).map(h -> h.getName() + " " + h.getState()).toList());
      if (!unhealthy.isEmpty()) {
        summary += "; " + unhealthy;
      }
    }
    status = status == null ? new EdgeClusterStatus() : status;
    String stalled = status.condition(ConditionTypes.STALLED).filter(Condition::isTrue).map(Condition::getMessage)
        .orElse(null);
    if (stalled != null) {
      summary += "; needs a person: " + stalled;
    } else if (!RolloutStep.active(upgrade)) {
      String notReady = status.condition(ConditionTypes.READY)
          .filter(c -> c.getStatus() == ConditionStatus.False && c.getMessage() != null).map(Condition::getMessage)
          .orElse(null);
      if (notReady != null && version != null) {
        summary += "; " + notReady;
      }
    }
    return new ClusterProgress(name, phase, profile, version, target, done, total, inFlight, paused, rollout,
        conditions, summary);
  }

  private static String words(Condition condition) {
    String state = switch (condition.getStatus() == null ? ConditionStatus.Unknown : condition.getStatus()) {
      case True -> "yes";
      case False -> "no";
      case Unknown -> "not known yet";
    };
    return condition.getType() + ": " + state + (condition.getReason() == null ? "" : " (" + condition.getReason()
        + ")") + (condition.getMessage() == null || condition.getMessage().isBlank() ? "" : ": "
        + condition.getMessage());
  }

  private static String inFlightWords(List<String> inFlight) {
    if (inFlight.isEmpty()) {
      return "";
    }
    return "; " + String.join(", ", inFlight) + (inFlight.size() == 1 ? " is" : " are") + " at work";
  }

  private static int count(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
