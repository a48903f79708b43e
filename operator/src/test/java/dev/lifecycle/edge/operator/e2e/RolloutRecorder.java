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

  /**
   * A host told to join a cluster (its plan became a Join).
   *
   * @param plannedPeersHealthy whether every other control-plane host of the cluster that had a plan was healthy on it
   */
  record Joined(String host, HostRole role, boolean plannedPeersHealthy) {
  }

  private final Map<String, EdgeHost> hosts = new HashMap<>();
  private final List<Move> moves = new ArrayList<>();
  private final List<Joined> joins = new ArrayList<>();
  private final List<String> released = new ArrayList<>();
  private int maxOutOfServiceOrResetting;
  private int maxClaimed;
  private final Map<String, List<String>> healthyAtRelease = new HashMap<>();
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
    maxOutOfServiceOrResetting = outOfService() + resetting();
    maxClaimed = (int) hosts.values().stream().filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null)
        .count();
  }

  /**
   * The most hosts at once that were claimed and not healthy, or released with a Reset plan not yet reported
   * applied: what a scale-down takes out of service.
   */
  synchronized int maxOutOfServiceOrResetting() {
    return maxOutOfServiceOrResetting;
  }

  /** The most hosts claimed by a cluster at once while recording. */
  synchronized int maxClaimed() {
    return maxClaimed;
  }

  /** The claimed hosts that reported their plan applied when {@code host} was given its Reset plan. */
  synchronized List<String> healthyAtRelease(String host) {
    return healthyAtRelease.getOrDefault(host, List.of());
  }

  synchronized List<Joined> joins() {
    return List.copyOf(joins);
  }

  /** The hosts given a Reset plan while recording, in the order the API reported it. */
  synchronized List<String> released() {
    return List.copyOf(released);
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
    if (recording && planChangedTo(before, host, HostPlan.Action.Join)) {
      joins.add(new Joined(name, host.getStatus().getPlan().getRole(), plannedControlPlanePeersHealthy(host)));
    }
    if (recording && planChangedTo(before, host, HostPlan.Action.Reset)) {
      released.add(name);
      healthyAtRelease.put(name, hosts.values().stream()
          .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null && healthy(h))
          .map(h -> h.getMetadata().getName()).sorted().toList());
    }
    hosts.put(name, host);
    if (recording) {
      maxClaimed = Math.max(maxClaimed, (int) hosts.values().stream()
          .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null).count());
      maxOutOfService = Math.max(maxOutOfService, outOfService());
      maxOutOfServiceOrResetting = Math.max(maxOutOfServiceOrResetting, outOfService() + resetting());
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

  private static boolean planChangedTo(EdgeHost before, EdgeHost after, HostPlan.Action action) {
    HostPlan plan = after.getStatus() == null ? null : after.getStatus().getPlan();
    if (plan == null || plan.getAction() != action) {
      return false;
    }
    HostPlan old = before == null || before.getStatus() == null ? null : before.getStatus().getPlan();
    return old == null || !Objects.equals(old.getGeneration(), plan.getGeneration());
  }

  /** Released hosts (in no cluster) whose Reset plan is not reported applied. */
  private int resetting() {
    return (int) hosts.values().stream()
        .filter(h -> h.getStatus() != null && h.getStatus().getCluster() == null && h.getStatus().getPlan() != null
            && h.getStatus().getPlan().getAction() == HostPlan.Action.Reset)
        .filter(h -> !healthy(h)).count();
  }

  /** Every other control-plane host of the joining host's cluster that has a plan reports it applied. */
  private boolean plannedControlPlanePeersHealthy(EdgeHost joining) {
    String cluster = joining.getStatus().getCluster() == null ? null : joining.getStatus().getCluster().getName();
    return hosts.values().stream()
        .filter(h -> !h.getMetadata().getName().equals(joining.getMetadata().getName()))
        .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null
            && Objects.equals(h.getStatus().getCluster().getName(), cluster)
            && h.getStatus().getCluster().getRole() == HostRole.CONTROL_PLANE && h.getStatus().getPlan() != null)
        .allMatch(RolloutRecorder::healthy);
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
