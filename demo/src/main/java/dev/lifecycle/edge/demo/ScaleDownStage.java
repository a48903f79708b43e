package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Day 2, scaling: {@code spec.workers.count} is lowered by one (a JSON merge patch, as
 * {@code kubectl patch --type merge} sends); the operator releases the newest worker with a Reset plan.
 * Done when that worker has left {@code status.hosts} and its EdgeHost is Available again, and the cluster
 * is Running with one worker fewer and Ready; failed when the cluster Failed. Only planned when the
 * cluster has a worker to release ({@link DemoStages}).
 */
final class ScaleDownStage implements Stage {

  private final KubernetesClient client;
  private final String namespace;
  private final DemoSamples samples;
  /** The workers in {@code status.hosts} when the count was lowered: the one that leaves is among them. */
  private Set<String> workersBefore = Set.of();
  private int target;

  ScaleDownStage(KubernetesClient client, String namespace, DemoSamples samples) {
    this.client = client;
    this.namespace = namespace;
    this.samples = samples;
  }

  @Override
  public StageName name() {
    return StageName.SCALE_DOWN;
  }

  @Override
  public String goal() {
    int workers = samples.cluster().getSpec().getWorkers().getCount();
    return "spec.workers.count " + workers + " -> " + (workers - 1) + ": the newest worker is released with a "
        + "Reset plan and becomes Available again";
  }

  @Override
  public void begin() {
    String name = samples.cluster().getMetadata().getName();
    EdgeCluster cluster = ClusterReader.read(client, namespace, name);
    if (cluster == null) {
      throw new IllegalStateException("EdgeCluster " + name + " does not exist");
    }
    Integer count = cluster.getSpec().getWorkers() == null ? null : cluster.getSpec().getWorkers().getCount();
    if (count == null || count < 1) {
      throw new IllegalStateException("EdgeCluster " + name + " has no worker to release (spec.workers.count "
          + count + ")");
    }
    workersBefore = workers(cluster.getStatus());
    target = count - 1;
    client.resources(EdgeCluster.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"workers\":{\"count\":" + target + "}}}");
  }

  @Override
  public StageStatus check() {
    String name = samples.cluster().getMetadata().getName();
    return judge(name, ClusterReader.read(client, namespace, name), workersBefore, target, hostPhases());
  }

  /**
   * Judges the scale-down to {@code target} workers from the cluster's status and the phases of the
   * EdgeHosts: the released workers are those of {@code workersBefore} no longer in {@code status.hosts}.
   * Done when as many as the count went down by are released and Available, and the cluster is Running
   * with {@code workersReady} {@code target/target} and Ready=True; failed when the cluster Failed;
   * waiting otherwise, counted by released hosts that are Available again.
   *
   * @param hostPhases each EdgeHost's phase, by name
   */
  static StageStatus judge(String name, EdgeCluster cluster, Set<String> workersBefore, int target,
      Map<String, EdgeHostStatus.Phase> hostPhases) {
    EdgeClusterStatus status = cluster == null ? null : cluster.getStatus();
    if (status == null || status.getPhase() == null) {
      return StageStatus.waiting("EdgeCluster " + name + ": waiting for the operator");
    }
    int toRelease = Math.max(0, workersBefore.size() - target);
    Set<String> released = new TreeSet<>(workersBefore);
    released.removeAll(workers(status));
    List<String> available = released.stream().filter(h -> hostPhases.get(h) == EdgeHostStatus.Phase.Available)
        .toList();
    List<String> notes = released.stream().map(h -> "released " + h + " (newest worker): Reset plan").toList();
    if (status.getPhase() == EdgeClusterStatus.Phase.Failed) {
      return StageStatus.failed("EdgeCluster " + name + " Failed: " + readyMessage(status)).withNotes(notes);
    }
    ReadyCount workers = ReadyCount.parse(status.getWorkersReady());
    boolean ready = status.condition(ConditionTypes.READY).map(Condition::isTrue).orElse(false);
    if (released.size() >= toRelease && available.size() == released.size()
        && status.getPhase() == EdgeClusterStatus.Phase.Running && workers.ready() == target
        && workers.wanted() == target && ready) {
      ReadyCount controlPlane = ReadyCount.parse(status.getControlPlaneReady());
      return StageStatus.done(String.join(", ", released) + " released, reset and Available; EdgeCluster " + name
          + " Running with control plane " + controlPlane + ", workers " + workers + ", Ready=True").withNotes(notes);
    }
    String line;
    if (released.isEmpty()) {
      line = "waiting for the operator to release a worker";
    } else if (available.size() < released.size()) {
      line = released.stream().filter(h -> !available.contains(h))
          .map(h -> h + " " + (hostPhases.get(h) == null ? "(no EdgeHost)" : hostPhases.get(h)))
          .collect(Collectors.joining(", ")) + ": waiting for the reset to be applied";
    } else {
      line = status.getPhase() + ", workers " + workers + ": waiting for Ready=True";
    }
    String why = status.condition(ConditionTypes.READY).filter(c -> !c.isTrue()).map(ConditionLines::line)
        .map(c -> " (" + c + ")").orElse("");
    return new StageStatus(StageStatus.State.WAITING, line + why, available.size(), toRelease, notes);
  }

  @Override
  public List<String> diagnose() {
    String name = samples.cluster().getMetadata().getName();
    List<String> lines = new ArrayList<>(ClusterReader.describe(ClusterReader.read(client, namespace, name), name));
    for (EdgeHost host : client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()) {
      String hostName = host.getMetadata().getName();
      EdgeHostStatus status = host.getStatus();
      if (workersBefore.contains(hostName) && status != null && status.getCluster() == null) {
        lines.add("EdgeHost " + hostName + " (released): phase " + status.getPhase()
            + (status.getPlan() == null ? "" : ", plan " + status.getPlan().getAction()));
      }
    }
    return lines;
  }

  private Map<String, EdgeHostStatus.Phase> hostPhases() {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(host -> host.getStatus() != null && host.getStatus().getPhase() != null)
        .collect(Collectors.toMap(host -> host.getMetadata().getName(), host -> host.getStatus().getPhase(),
            (a, b) -> a));
  }

  private static Set<String> workers(EdgeClusterStatus status) {
    if (status == null) {
      return Set.of();
    }
    return status.getHosts().stream().filter(host -> host.getRole() == HostRole.WORKER).map(ClusterHost::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String readyMessage(EdgeClusterStatus status) {
    return status.condition(ConditionTypes.READY).map(c -> c.getMessage() == null ? c.getReason() : c.getMessage())
        .orElse("no Ready condition");
  }
}
