package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 6, cluster management: the EdgeCluster's {@code spec.profileRef.name} is pointed at the next
 * profile version (a JSON merge patch, as {@code kubectl patch --type merge} sends), and the rolling
 * upgrade is followed through {@code status.upgrade}: a progress bar of updated over total hosts, the
 * hosts in flight, the layers that change. Done when the rollout is Complete, every host reports the new
 * version, {@code status.profileVersion} is the new version and Ready is True; failed when the rollout
 * Stalled or RolledBack (with the host that failed and what it reported).
 */
final class UpgradeStage implements Stage {

  private final KubernetesClient client;
  private final String namespace;
  private final DemoSamples samples;

  UpgradeStage(KubernetesClient client, String namespace, DemoSamples samples) {
    this.client = client;
    this.namespace = namespace;
    this.samples = samples;
  }

  @Override
  public StageName name() {
    return StageName.UPGRADE;
  }

  @Override
  public String goal() {
    return "spec.profileRef.name " + samples.fromProfile().getMetadata().getName() + " -> "
        + samples.toProfile().getMetadata().getName() + ": a rolling upgrade, host by host";
  }

  @Override
  public void begin() {
    String patch = "{\"spec\":{\"profileRef\":{\"name\":\"" + samples.toProfile().getMetadata().getName() + "\"}}}";
    client.resources(EdgeCluster.class).inNamespace(namespace).withName(samples.cluster().getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  @Override
  public StageStatus check() {
    String name = samples.cluster().getMetadata().getName();
    return judge(ClusterReader.read(client, namespace, name), samples.toProfile().getSpec().getVersion());
  }

  /**
   * Judges the rollout to {@code target} from {@code status.upgrade}: done when Complete and the cluster
   * runs the target version; failed when Stalled or RolledBack (naming the host and what it reported);
   * waiting otherwise, counted by updated over total hosts.
   */
  static StageStatus judge(EdgeCluster cluster, String target) {
    EdgeClusterStatus status = cluster == null ? null : cluster.getStatus();
    UpgradeStatus upgrade = status == null ? null : status.getUpgrade();
    if (upgrade == null || !target.equals(upgrade.getTo()) || upgrade.getPhase() == null) {
      return StageStatus.waiting("waiting for the rollout to " + target + " to start (status.upgrade not written "
          + "yet)");
    }
    List<String> notes = notes(upgrade);
    int updated = upgrade.getUpdated() == null ? 0 : upgrade.getUpdated();
    int total = upgrade.getTotal() == null ? 0 : upgrade.getTotal();
    String failedHost = upgrade.getFailedHost() == null ? "a host" : "host " + upgrade.getFailedHost();
    String failure = upgrade.getFailure() == null ? "" : ": " + upgrade.getFailure();
    switch (upgrade.getPhase()) {
      case Complete:
        return complete(status, upgrade, target, notes);
      case Stalled:
        return StageStatus.failed("the rollout Stalled at " + failedHost + failure).withNotes(notes);
      case RolledBack:
        return StageStatus.failed("the rollout rolled back to " + upgrade.getFrom() + " after " + failedHost
            + " failed" + failure).withNotes(notes);
      case RollingBack:
        return new StageStatus(StageStatus.State.WAITING, "RollingBack after " + failedHost + " failed" + failure,
            updated, total, notes);
      case Paused:
        return new StageStatus(StageStatus.State.WAITING, "Paused (spec.paused: true)", updated, total, notes);
      default:
        return new StageStatus(StageStatus.State.WAITING, "hosts updated" + (upgrade.getInFlight().isEmpty() ? ""
            : "; in flight: " + String.join(", ", upgrade.getInFlight())), updated, total, notes);
    }
  }

  /**
   * A Complete rollout is done once the cluster says so everywhere a user would look: every host of
   * {@code status.hosts} reports the target version, {@code status.profileVersion} is the target, and
   * Ready is True. Until then (the status catches up within a reconcile or two), it waits.
   */
  private static StageStatus complete(EdgeClusterStatus status, UpgradeStatus upgrade, String target,
      List<String> notes) {
    int total = status.getHosts().size();
    List<String> behind = status.getHosts().stream().filter(host -> !target.equals(host.getProfileVersion()))
        .map(ClusterHost::getName).toList();
    String waiting = null;
    if (total == 0) {
      waiting = "Complete; waiting for status.hosts";
    } else if (!behind.isEmpty()) {
      waiting = "Complete; waiting for " + String.join(", ", behind) + " to report " + target;
    } else if (!target.equals(status.getProfileVersion())) {
      waiting = "Complete; waiting for status.profileVersion " + target;
    } else if (!status.condition(ConditionTypes.READY).map(Condition::isTrue).orElse(false)) {
      waiting = "Complete; waiting for Ready=True" + status.condition(ConditionTypes.READY)
          .map(ready -> " (now " + ConditionLines.line(ready) + ")").orElse("");
    }
    if (waiting != null) {
      return new StageStatus(StageStatus.State.WAITING, waiting, total - behind.size(), total, notes);
    }
    return StageStatus.done("profile version " + upgrade.getFrom() + " -> " + upgrade.getTo() + ": " + total + "/"
        + total + " hosts on " + target + ", status.profileVersion " + status.getProfileVersion() + ", Ready=True")
        .withNotes(notes);
  }

  /** What the rollout changes, known before any host moves: each layer, and the most a host must do. */
  private static List<String> notes(UpgradeStatus upgrade) {
    List<String> notes = new ArrayList<>();
    for (LayerChange layer : upgrade.getLayers()) {
      notes.add("layer " + layer.getName() + (layer.getType() == null ? "" : " (" + layer.getType().value() + ")") + " "
          + change(layer) + (layer.getHostAction() == null ? "" : ": " + layer.getHostAction()));
    }
    if (upgrade.getHostAction() != null) {
      notes.add("each host: " + describe(upgrade.getHostAction()));
    }
    return notes;
  }

  private static String change(LayerChange layer) {
    if (layer.getChange() == LayerChange.Change.Added) {
      return "added at " + layer.getToVersion();
    }
    if (layer.getChange() == LayerChange.Change.Removed) {
      return "removed (was " + layer.getFromVersion() + ")";
    }
    return layer.getFromVersion() + " -> " + layer.getToVersion();
  }

  private static String describe(LayerChange.HostAction action) {
    return switch (action) {
      case Reboot -> "Reboot (a new OS image)";
      case RestartServices -> "RestartServices (no reboot)";
      case None -> "None (nothing on the host changes)";
    };
  }

  @Override
  public List<String> diagnose() {
    String name = samples.cluster().getMetadata().getName();
    EdgeCluster cluster = ClusterReader.read(client, namespace, name);
    List<String> lines = new ArrayList<>(ClusterReader.describe(cluster, name));
    if (cluster != null && cluster.getStatus() != null && cluster.getStatus().getUpgrade() == null) {
      lines.add("status.upgrade was never written: the operator did not start a rollout to "
          + samples.toProfile().getSpec().getVersion());
    }
    return lines;
  }
}
