package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.wire.Durations;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Day 2, a dead host replaced: the cluster gets {@code spec.remediation} (Automatic, a short unhealthyTimeout; a
 * JSON merge patch, as {@code kubectl patch --type merge} sends), then the agent of its first running worker is
 * killed, as a power cut would. The host goes Unreachable once its heartbeats stop for the staleness limit; after
 * unhealthyTimeout the operator claims the spare (the worker the scale-down released), joins it, and only then
 * releases the dead host with a Reset plan. Once the cluster is Running and Ready with the spare and
 * {@code status.replacements} records the replacement finished, the dead host's agent is revived, as after a
 * reboot: done when it has applied its Reset and is Available again. Only planned when the fleet leaves a worker
 * to kill and a spare after the scale-down ({@link DemoStages}).
 */
final class ReplaceHostStage implements Stage {

  /** The demo's spec.remediation.unhealthyTimeout: a few seconds rather than the default 10m. */
  static final Duration UNHEALTHY_TIMEOUT = Duration.ofSeconds(3);

  private final DemoEnvironment environment;
  private final DemoSamples samples;
  private final DemoOptions options;
  private ReplacementJudge judge;
  private int victimIndex = -1;
  private boolean revived;

  ReplaceHostStage(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    this.environment = environment;
    this.samples = samples;
    this.options = options;
  }

  @Override
  public StageName name() {
    return StageName.REPLACE_HOST;
  }

  @Override
  public String goal() {
    return "spec.remediation unhealthyTimeout " + Durations.format(UNHEALTHY_TIMEOUT) + ", a worker's agent killed: "
        + "Unreachable after " + StageRunner.seconds(options.staleness()) + " without a heartbeat, replaced by the "
        + "spare host, then back and reset";
  }

  @Override
  public void begin() {
    String name = samples.cluster().getMetadata().getName();
    EdgeCluster cluster = ClusterReader.read(environment.client(), environment.namespace(), name);
    if (cluster == null || cluster.getStatus() == null) {
      throw new IllegalStateException("EdgeCluster " + name + " does not exist or has no status yet");
    }
    String victim = cluster.getStatus().getHosts().stream()
        .filter(h -> h.getRole() == HostRole.WORKER && h.getState() == EdgeHostStatus.Phase.Running)
        .map(ClusterHost::getName).min(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalStateException("EdgeCluster " + name + " has no running worker to replace"));
    List<EdgeHost> hosts = hosts();
    if (hosts.stream().noneMatch(ReplaceHostStage::spare)) {
      throw new IllegalStateException("no spare host: no EdgeHost of namespace " + environment.namespace()
          + " is Available to replace " + victim);
    }
    victimIndex = simulatedIndex(hosts.stream().filter(h -> h.getMetadata().getName().equals(victim)).findFirst()
        .orElseThrow(() -> new IllegalStateException("EdgeHost " + victim + " does not exist")));
    judge = new ReplacementJudge(name, victim, options.staleness(), UNHEALTHY_TIMEOUT);
    environment.client().resources(EdgeCluster.class).inNamespace(environment.namespace()).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"remediation\":{\"mode\":\""
            + Remediation.Mode.Automatic + "\",\"unhealthyTimeout\":\"" + Durations.format(UNHEALTHY_TIMEOUT)
            + "\"}}}");
    environment.fleet().kill(victimIndex);
  }

  /** Judges the replacement; the one action after {@link #begin}: once it is done, the dead host's agent revives. */
  @Override
  public StageStatus check() {
    EdgeCluster cluster = ClusterReader.read(environment.client(), environment.namespace(),
        samples.cluster().getMetadata().getName());
    if (!revived && judge.replaced(cluster)) {
      environment.fleet().revive(victimIndex);
      revived = true;
    }
    Map<String, EdgeHostStatus.Phase> phases = hosts().stream()
        .filter(host -> host.getStatus() != null && host.getStatus().getPhase() != null)
        .collect(Collectors.toMap(host -> host.getMetadata().getName(), host -> host.getStatus().getPhase(),
            (a, b) -> a));
    return judge.judge(cluster, phases, revived);
  }

  @Override
  public List<String> diagnose() {
    String name = samples.cluster().getMetadata().getName();
    EdgeCluster cluster = ClusterReader.read(environment.client(), environment.namespace(), name);
    List<String> lines = new ArrayList<>(ClusterReader.describe(cluster, name));
    if (cluster != null && cluster.getStatus() != null) {
      for (HostReplacement r : cluster.getStatus().getReplacements()) {
        lines.add("replacement of " + r.getHost() + " by " + r.getReplacement() + " (" + r.getReason() + "): started "
            + r.getStartedAt() + (r.getFinishedAt() == null ? ", not finished" : ", finished " + r.getFinishedAt()));
      }
    }
    for (EdgeHost host : hosts()) {
      EdgeHostStatus status = host.getStatus();
      if (status != null && status.getCluster() == null) {
        lines.add("EdgeHost " + host.getMetadata().getName() + " (in no cluster): phase " + status.getPhase()
            + (status.getPlan() == null ? "" : ", plan " + status.getPlan().getAction()));
      }
    }
    return lines;
  }

  private List<EdgeHost> hosts() {
    return environment.client().resources(EdgeHost.class).inNamespace(environment.namespace()).list().getItems();
  }

  /** An Available host of no cluster, not asked to be replaced itself: one the cluster can claim as a spare. */
  private static boolean spare(EdgeHost host) {
    EdgeHostStatus status = host.getStatus();
    Map<String, String> annotations = host.getMetadata().getAnnotations();
    return status != null && status.getPhase() == EdgeHostStatus.Phase.Available && status.getCluster() == null
        && (annotations == null || !annotations.containsKey(Remediation.REPLACE_ANNOTATION));
  }

  /** The index of the simulated host that registered as {@code host}: its machine id ends with {@code -<index>}. */
  private int simulatedIndex(EdgeHost host) {
    String machineId = Optional.ofNullable(host.getStatus()).map(EdgeHostStatus::getRegistration)
        .map(RegistrationRecord::getMachineId).orElse(null);
    String prefix = samples.machineIdPrefix() + "-";
    if (machineId == null || !machineId.startsWith(prefix)) {
      throw new IllegalStateException("EdgeHost " + host.getMetadata().getName() + " was not registered by a "
          + "simulated host (machine id " + machineId + ")");
    }
    try {
      return Integer.parseInt(machineId.substring(prefix.length()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("EdgeHost " + host.getMetadata().getName() + " has machine id " + machineId
          + ", which names no simulated host");
    }
  }
}
