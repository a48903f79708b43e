package dev.lifecycle.edge.operator.e2e;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Watches the hosts of a namespace and records, event by event, what a rollout actually did: how
 * many hosts were out of service at once (moved to a plan they have not reported healthy on), and
 * every move with what the other hosts looked like at that moment. It sees the API's order of
 * events, not the operator's intentions.
 */
final class RolloutRecorder implements AutoCloseable {

  /** One host moved by a rollout (its plan's rollout id changed). */
  record Move(String host, HostRole role, String version, long generation, boolean controlPlaneHealthyOnVersion,
      int outOfServiceBefore) {
  }

  private final Map<String, EdgeHost> hosts = new HashMap<>();
  private final List<Move> moves = new ArrayList<>();
  private final Watch watch;
  private int maxOutOfService;
  private boolean recording;

  RolloutRecorder(KubernetesClient client, String namespace) {
    client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()
        .forEach(h -> hosts.put(h.getMetadata().getName(), h));
    watch = client.resources(EdgeHost.class).inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeHost host) {
        seen(action, host);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  /** From now on, count hosts out of service and moves (formation is not a rollout). */
  synchronized void startRecording() {
    recording = true;
    maxOutOfService = outOfService();
  }

  synchronized int maxOutOfService() {
    return maxOutOfService;
  }

  synchronized List<Move> moves() {
    return List.copyOf(moves);
  }

  private synchronized void seen(Watcher.Action action, EdgeHost host) {
    String name = host.getMetadata().getName();
    EdgeHost before = hosts.get(name);
    if (action == Watcher.Action.DELETED) {
      hosts.remove(name);
      return;
    }
    if (recording && movedNow(before, host)) {
      HostPlan plan = host.getStatus().getPlan();
      moves.add(new Move(name, plan.getRole(), plan.getProfileVersion(), plan.getGeneration(),
          controlPlaneHealthyOn(plan.getProfileVersion(), host), outOfService()));
    }
    hosts.put(name, host);
    if (recording) {
      maxOutOfService = Math.max(maxOutOfService, outOfService());
    }
  }

  private static boolean movedNow(EdgeHost before, EdgeHost after) {
    HostPlan plan = after.getStatus() == null ? null : after.getStatus().getPlan();
    if (plan == null || plan.getRollout() == null) {
      return false;
    }
    HostPlan old = before == null || before.getStatus() == null ? null : before.getStatus().getPlan();
    return old == null || !Objects.equals(old.getGeneration(), plan.getGeneration());
  }

  /** Hosts whose current plan is not reported applied (a claimed host only). */
  private int outOfService() {
    return (int) hosts.values().stream().filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null)
        .filter(h -> !healthy(h)).count();
  }

  /** Every other control-plane host of the moved host's cluster is healthy on the version. */
  private boolean controlPlaneHealthyOn(String version, EdgeHost moved) {
    String cluster = moved.getStatus().getCluster() == null ? null : moved.getStatus().getCluster().getName();
    return hosts.values().stream()
        .filter(h -> !h.getMetadata().getName().equals(moved.getMetadata().getName()))
        .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null
            && Objects.equals(h.getStatus().getCluster().getName(), cluster)
            && h.getStatus().getCluster().getRole() == HostRole.CONTROL_PLANE)
        .allMatch(h -> healthy(h) && version.equals(h.getStatus().getPlan().getProfileVersion()));
  }

  private static boolean healthy(EdgeHost host) {
    HostPlan plan = host.getStatus().getPlan();
    AgentReport report = host.getStatus().getReport();
    return plan != null && report != null && Objects.equals(report.getPlanGeneration(), plan.getGeneration())
        && report.getState() == AgentReport.State.Applied;
  }

  @Override
  public void close() {
    watch.close();
  }
}
