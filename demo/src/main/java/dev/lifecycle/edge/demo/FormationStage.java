package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Phase 5, cluster formation: the EdgeCluster claims the registered hosts, forms its control plane
 * first, then joins the workers; done when it is Running on its profile version.
 */
final class FormationStage implements Stage {

  private final KubernetesClient client;
  private final String namespace;
  private final DemoSamples samples;

  FormationStage(KubernetesClient client, String namespace, DemoSamples samples) {
    this.client = client;
    this.namespace = namespace;
    this.samples = samples;
  }

  @Override
  public StageName name() {
    return StageName.FORMATION;
  }

  @Override
  public String goal() {
    EdgeCluster cluster = samples.cluster();
    return "EdgeCluster " + cluster.getMetadata().getName() + " claims " + cluster.getSpec().getControlPlane()
        .getCount() + " control-plane host and " + cluster.getSpec().getWorkers().getCount() + " workers, control "
        + "plane first";
  }

  @Override
  public void begin() {
    // The cluster was applied with the samples; the registered hosts are what it was waiting for.
  }

  @Override
  public StageStatus check() {
    String name = samples.cluster().getMetadata().getName();
    return judge(name, ClusterReader.read(client, namespace, name));
  }

  /**
   * Done when the cluster is Running with its profile version set; failed when formation stopped
   * (phase Failed: a host failed its plan). Waiting otherwise, counted by healthy hosts over wanted ones.
   */
  static StageStatus judge(String name, EdgeCluster cluster) {
    EdgeClusterStatus status = cluster == null ? null : cluster.getStatus();
    if (status == null || status.getPhase() == null) {
      return StageStatus.waiting("EdgeCluster " + name + ": waiting for the operator");
    }
    ReadyCount controlPlane = ReadyCount.parse(status.getControlPlaneReady());
    ReadyCount workers = ReadyCount.parse(status.getWorkersReady());
    String counts = "control plane " + controlPlane + ", workers " + workers;
    List<String> notes = new ArrayList<>();
    if (controlPlane.complete()) {
      notes.add("control plane formed: " + hosts(status, HostRole.CONTROL_PLANE));
    }
    if (status.getPhase() == EdgeClusterStatus.Phase.Failed) {
      return StageStatus.failed("EdgeCluster " + name + " Failed: " + stalledMessage(status).orElse(counts))
          .withNotes(notes);
    }
    if (status.getPhase() == EdgeClusterStatus.Phase.Running && status.getProfileVersion() != null) {
      notes.add("workers joined: " + hosts(status, HostRole.WORKER));
      return StageStatus.done("EdgeCluster " + name + " Running on profile version " + status.getProfileVersion()
          + ": " + counts).withNotes(notes);
    }
    String why = stalledMessage(status).map(message -> "; Stalled: " + message).orElse("");
    return new StageStatus(StageStatus.State.WAITING, status.getPhase() + ": " + counts + why,
        controlPlane.ready() + workers.ready(), controlPlane.wanted() + workers.wanted(), notes);
  }

  @Override
  public List<String> diagnose() {
    return ClusterReader.describe(ClusterReader.read(client, namespace, samples.cluster().getMetadata().getName()),
        samples.cluster().getMetadata().getName());
  }

  private static Optional<String> stalledMessage(EdgeClusterStatus status) {
    return status.condition(ConditionTypes.STALLED).filter(c -> c.isTrue())
        .map(c -> c.getMessage() == null ? c.getReason() : c.getMessage());
  }

  private static String hosts(EdgeClusterStatus status, HostRole role) {
    String names = status.getHosts().stream().filter(h -> h.getRole() == role).map(ClusterHost::getName)
        .collect(Collectors.joining(", "));
    return names.isEmpty() ? "(none)" : names;
  }
}
