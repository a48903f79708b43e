package dev.lifecycle.edge.operator.e2e;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Watches the hosts of a namespace and records, event by event, what a rollout actually did: how
 * many hosts were out of service at once (moved to a plan they have not reported healthy on), and
 * every move with what the other hosts looked like at that moment. It sees the API's order of
 * events, not the operator's intentions.
 *
 * <p>It misses nothing and is never behind when asked: its informer lists, watches from the list's
 * resourceVersion, and lists and watches again whatever ended its watch (a WebSocket that failed with a
 * protocol error ends a fabric8 watch for good, and an informer's by default); every question first waits
 * until it has seen each host at least at the resourceVersion the API lists it at now, so a test that
 * saw the cluster converge through the API reads a recording of everything up to there.
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

  /** How long a question waits for the recording to reach what the API lists. */
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, EdgeHost> hosts = new HashMap<>();
  private final List<Move> moves = new ArrayList<>();
  private final List<Joined> joins = new ArrayList<>();
  private final List<String> released = new ArrayList<>();
  private int maxOutOfServiceOrResetting;
  private int maxClaimed;
  private final Map<String, List<String>> healthyAtRelease = new HashMap<>();
  /** The resourceVersion of the latest state seen of each host, deleted ones included. */
  private final Map<String, Long> seenVersions = new HashMap<>();
  private final KubernetesClient client;
  private final String namespace;
  private final SharedIndexInformer<EdgeHost> informer;
  private int maxOutOfService;
  private boolean recording;
  private Throwable stopped;

  RolloutRecorder(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    informer = client.resources(EdgeHost.class).inNamespace(namespace).runnableInformer(0);
    informer.exceptionHandler((started, error) -> started);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(EdgeHost host) {
        seen(host);
      }

      @Override
      public void onUpdate(EdgeHost before, EdgeHost host) {
        seen(host);
      }

      @Override
      public void onDelete(EdgeHost host, boolean finalStateUnknown) {
        deleted(host);
      }
    });
    informer.stopped().whenComplete((done, error) -> stopped(error));
    informer.run();
  }

  /** From now on, count hosts out of service and moves (formation is not a rollout). */
  void startRecording() {
    awaitCaughtUp();
    synchronized (this) {
      recording = true;
      maxOutOfService = outOfService();
      maxOutOfServiceOrResetting = outOfService() + resetting();
      maxClaimed = (int) hosts.values().stream()
          .filter(h -> h.getStatus() != null && h.getStatus().getCluster() != null).count();
    }
  }

  /**
   * The most hosts at once that were claimed and not healthy, or released with a Reset plan not yet reported
   * applied: what a scale-down takes out of service.
   */
  int maxOutOfServiceOrResetting() {
    awaitCaughtUp();
    synchronized (this) {
      return maxOutOfServiceOrResetting;
    }
  }

  /** The most hosts claimed by a cluster at once while recording. */
  int maxClaimed() {
    awaitCaughtUp();
    synchronized (this) {
      return maxClaimed;
    }
  }

  /** The claimed hosts that reported their plan applied when {@code host} was given its Reset plan. */
  List<String> healthyAtRelease(String host) {
    awaitCaughtUp();
    synchronized (this) {
      return healthyAtRelease.getOrDefault(host, List.of());
    }
  }

  List<Joined> joins() {
    awaitCaughtUp();
    synchronized (this) {
      return List.copyOf(joins);
    }
  }

  /** The hosts given a Reset plan while recording, in the order the API reported it. */
  List<String> released() {
    awaitCaughtUp();
    synchronized (this) {
      return List.copyOf(released);
    }
  }

  int maxOutOfService() {
    awaitCaughtUp();
    synchronized (this) {
      return maxOutOfService;
    }
  }

  List<Move> moves() {
    awaitCaughtUp();
    synchronized (this) {
      return List.copyOf(moves);
    }
  }

  /**
   * Waits until this recorder has seen every host of the namespace at least at the resourceVersion the
   * API lists it at now (the embedded API numbers its writes in order). Fails if the informer stopped,
   * or if the recording is still behind after {@link #CATCH_UP}.
   */
  private void awaitCaughtUp() {
    Map<String, Long> listed = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), RolloutRecorder::version));
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    synchronized (this) {
      while (stopped == null && !behind(listed).isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the recorder's informer has not delivered, within " + CATCH_UP.toSeconds()
              + " s, the hosts the API lists (host: resourceVersion listed, seen): " + behind(listed));
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for the recorder to catch up", e);
        }
      }
      if (stopped != null) {
        throw new AssertionError("the recorder's informer stopped, so it no longer sees every event", stopped);
      }
    }
  }

  /** The listed hosts not yet seen at their listed resourceVersion: name to "listed, seen". */
  private Map<String, String> behind(Map<String, Long> listed) {
    return listed.entrySet().stream()
        .filter(e -> seenVersions.getOrDefault(e.getKey(), -1L) < e.getValue())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + ", " + seenVersions.get(e.getKey())));
  }

  private static long version(EdgeHost host) {
    return Long.parseLong(host.getMetadata().getResourceVersion());
  }

  private synchronized void stopped(Throwable error) {
    stopped = error != null ? error : new IllegalStateException("the informer stopped");
    notifyAll();
  }

  private synchronized void deleted(EdgeHost host) {
    hosts.remove(host.getMetadata().getName());
    seenVersions.merge(host.getMetadata().getName(), version(host), Math::max);
    notifyAll();
  }

  private synchronized void seen(EdgeHost host) {
    try {
      record(host);
    } finally {
      seenVersions.merge(host.getMetadata().getName(), version(host), Math::max);
      notifyAll();
    }
  }

  private void record(EdgeHost host) {
    String name = host.getMetadata().getName();
    EdgeHost before = hosts.get(name);
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
    informer.close();
  }
}
