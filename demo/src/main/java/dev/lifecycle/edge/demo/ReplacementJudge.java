package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.wire.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the demo judges a host replacement from the EdgeCluster's status and the EdgeHosts' phases alone, in five
 * steps: the host whose agent was killed is Unreachable, a spare is claimed in its place, the spare runs, the
 * dead host is released (its replacement recorded finished), and, once its agent is revived, the dead host has
 * applied its Reset and is Available again.
 *
 * @param cluster the EdgeCluster's name
 * @param victim the host whose agent was killed
 * @param staleness how long without a heartbeat before a host is Unreachable
 * @param unhealthyTimeout the cluster's spec.remediation.unhealthyTimeout
 */
record ReplacementJudge(String cluster, String victim, Duration staleness, Duration unhealthyTimeout) {

  static final int STEPS = 5;

  /**
   * Whether the cluster has replaced the victim: Running and Ready with every worker it wants, the spare running in
   * {@code status.hosts} and the victim gone from it, and {@code status.replacements} recording it finished.
   */
  boolean replaced(EdgeCluster edgeCluster) {
    EdgeClusterStatus status = edgeCluster == null ? null : edgeCluster.getStatus();
    if (status == null) {
      return false;
    }
    Optional<HostReplacement> record = record(status);
    ReadyCount workers = ReadyCount.parse(status.getWorkersReady());
    return record.map(r -> r.getFinishedAt() != null && r.getReplacement() != null).orElse(false)
        && host(status, victim).isEmpty()
        && host(status, record.get().getReplacement()).map(h -> h.getState() == Phase.Running).orElse(false)
        && status.getPhase() == EdgeClusterStatus.Phase.Running && ready(status)
        && workers.ready() == workers.wanted();
  }

  /**
   * Where the replacement stands: done once it is {@linkplain #replaced replaced} and the revived victim is
   * Available; failed when the cluster Failed; waiting otherwise, counted in {@link #STEPS} steps, each reached
   * step noted once.
   *
   * @param hostPhases each EdgeHost's phase, by name
   * @param revived whether the victim's agent has been started again
   */
  StageStatus judge(EdgeCluster edgeCluster, Map<String, Phase> hostPhases, boolean revived) {
    EdgeClusterStatus status = edgeCluster == null ? null : edgeCluster.getStatus();
    if (status == null || status.getPhase() == null) {
      return StageStatus.waiting("EdgeCluster " + cluster + ": waiting for the operator");
    }
    Optional<ClusterHost> dead = host(status, victim);
    Optional<HostReplacement> record = record(status);
    String spare = record.map(HostReplacement::getReplacement).or(() -> status.getHosts().stream()
        .filter(h -> victim.equals(h.getReplaces())).map(ClusterHost::getName).findFirst()).orElse(null);
    Optional<ClusterHost> joining = spare == null ? Optional.empty() : host(status, spare);
    Optional<Phase> unhealthy = dead.map(ClusterHost::getState).filter(s -> s == Phase.Unreachable
        || s == Phase.Failed);
    boolean released = spare != null && dead.isEmpty();
    boolean running = released || joining.map(h -> h.getState() == Phase.Running).orElse(false);
    boolean replaced = replaced(edgeCluster);
    Phase victimPhase = hostPhases.get(victim);
    // While the revived host applies its Reset the cluster may be Ready=False again (a released host resetting
    // holds it as a scale-down does): done once the host is Available and the cluster replaced and Ready again.
    boolean back = replaced && revived && victimPhase == Phase.Available;

    List<String> notes = new ArrayList<>();
    int steps = 0;
    if (unhealthy.isPresent() || spare != null) {
      steps++;
      notes.add(victim + " " + unhealthy.orElse(Phase.Unreachable) + ": no heartbeat for "
          + StageRunner.seconds(staleness) + " since its agent was killed");
    }
    if (spare != null) {
      steps++;
      notes.add("spare " + spare + " claimed to replace " + victim + " (unhealthy for unhealthyTimeout "
          + Durations.format(unhealthyTimeout) + ")");
      notes.add(spare + " joining the cluster as a worker" + (status.getProfileVersion() == null ? ""
          : " on " + status.getProfileVersion()));
    }
    if (running) {
      steps++;
    }
    if (released) {
      steps++;
      notes.add(victim + " released with a Reset plan, which it applies if it comes back");
    }
    if (revived) {
      notes.add(victim + "'s agent revived, as after a reboot: it registers again and applies its Reset plan");
    }
    if (back) {
      steps++;
    }

    if (status.getPhase() == EdgeClusterStatus.Phase.Failed) {
      return StageStatus.failed("EdgeCluster " + cluster + " Failed: " + status.condition(ConditionTypes.READY)
          .map(c -> c.getMessage() == null ? c.getReason() : c.getMessage()).orElse("no Ready condition"))
          .withNotes(notes);
    }
    if (back) {
      ReadyCount controlPlane = ReadyCount.parse(status.getControlPlaneReady());
      return StageStatus.done(victim + " replaced by " + spare + " (status.replacements: " + record.get().getReason()
          + ", finished), " + victim + " reset and Available again; EdgeCluster " + cluster + " Running with control "
          + "plane " + controlPlane + ", workers " + status.getWorkersReady() + ", Ready=True").withNotes(notes);
    }
    String line;
    if (revived && victimPhase != Phase.Available) {
      line = victim + " " + (victimPhase == null ? "(no EdgeHost)" : victimPhase) + ": waiting for its agent to "
          + "apply the Reset plan";
    } else if (revived) {
      line = victim + " Available: waiting for EdgeCluster " + cluster + " Running and Ready with " + spare;
    } else if (replaced) {
      line = victim + " replaced by " + spare + ": reviving " + victim + "'s agent";
    } else if (released) {
      line = victim + " released: waiting for EdgeCluster " + cluster + " Running and Ready with " + spare;
    } else if (running) {
      line = spare + " Running: waiting for " + victim + " to be released";
    } else if (spare != null) {
      line = spare + " joining in place of " + victim + joining.map(h -> " (" + h.getState() + ")").orElse("");
    } else if (unhealthy.isPresent()) {
      line = victim + " " + unhealthy.get() + dead.map(ClusterHost::getUnhealthySince).map(t -> " since " + t)
          .orElse("") + ": a spare is claimed once it has been unhealthy for " + Durations.format(unhealthyTimeout);
    } else {
      line = "waiting for " + victim + " to be Unreachable (no heartbeat for " + StageRunner.seconds(staleness) + ")";
    }
    String why = status.condition(ConditionTypes.READY).filter(c -> !c.isTrue()).map(ConditionLines::line)
        .map(c -> " (" + c + ")").orElse("");
    return new StageStatus(StageStatus.State.WAITING, line + why, steps, STEPS, notes);
  }

  /** The newest replacement of the victim in {@code status.replacements}. */
  private Optional<HostReplacement> record(EdgeClusterStatus status) {
    List<HostReplacement> replacements = status.getReplacements();
    for (int i = replacements.size() - 1; i >= 0; i--) {
      if (victim.equals(replacements.get(i).getHost())) {
        return Optional.of(replacements.get(i));
      }
    }
    return Optional.empty();
  }

  private static Optional<ClusterHost> host(EdgeClusterStatus status, String name) {
    return status.getHosts().stream().filter(h -> h.getName().equals(name)).findFirst();
  }

  private static boolean ready(EdgeClusterStatus status) {
    return status.condition(ConditionTypes.READY).map(Condition::isTrue).orElse(false);
  }
}
