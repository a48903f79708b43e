package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a rollout's time goes, as watches on the hosts and clusters see it: when each host gets a plan
 * of the target version, when it reports that plan applied, and when each cluster records its upgrade
 * Complete. The agents' share is plan to applied report minus the apply time (polling and
 * reporting); the operator's share is retarget to the first plans, the last applied report of a batch
 * to the next batch's plans, and the last report to Complete.
 */
final class RolloutTimeline implements AutoCloseable {

  private final String version;
  private final Map<String, Long> planSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> appliedSeen = new ConcurrentHashMap<>();
  private final Map<String, String> clusterOf = new ConcurrentHashMap<>();
  private final Map<String, Long> completeSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> retargeted = new ConcurrentHashMap<>();
  private final List<Watch> watches = new ArrayList<>();

  private RolloutTimeline(String version) {
    this.version = version;
  }

  /**
   * Starts watching the namespace for a rollout to {@code version}: its clusters, and with
   * {@code breakdown} its hosts too, for {@link #summary}. A watch of every host is one more copy of
   * every host write the API sends, to the load of the rollout it measures.
   */
  static RolloutTimeline watch(KubernetesClient client, String namespace, String version, boolean breakdown) {
    RolloutTimeline timeline = new RolloutTimeline(version);
    if (breakdown) {
      timeline.watches.add(client.resources(EdgeHost.class).inNamespace(namespace).watch(timeline.hosts()));
    }
    timeline.watches.add(client.resources(EdgeCluster.class).inNamespace(namespace).watch(timeline.clusters()));
    return timeline;
  }

  private void closed(WatcherException cause) {
    if (cause != null) {
      System.err.println("a watch of the rollout timeline closed: " + cause);
    }
  }

  /** The benchmark pointed this cluster at the new version now. */
  void retargeted(String cluster) {
    retargeted.put(cluster, System.nanoTime());
  }

  private Watcher<EdgeHost> hosts() {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeHost host) {
        long now = System.nanoTime();
        if (host.getStatus() == null || host.getStatus().getPlan() == null || host.getStatus().getCluster() == null) {
          return;
        }
        String name = host.getMetadata().getName();
        HostPlan plan = host.getStatus().getPlan();
        if (!version.equals(plan.getProfileVersion())) {
          return;
        }
        clusterOf.put(name, host.getStatus().getCluster().getName());
        planSeen.putIfAbsent(name, now);
        AgentReport report = host.getStatus().getReport();
        if (report != null && report.getState() == AgentReport.State.Applied
            && Objects.equals(report.getPlanGeneration(), plan.getGeneration())) {
          appliedSeen.putIfAbsent(name, now);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        closed(cause);
      }
    };
  }

  private Watcher<EdgeCluster> clusters() {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeCluster cluster) {
        UpgradeStatus upgrade = cluster.getStatus() == null ? null : cluster.getStatus().getUpgrade();
        if (upgrade != null && version.equals(upgrade.getTo()) && upgrade.getPhase() == UpgradeStatus.Phase.Complete) {
          completeSeen.putIfAbsent(cluster.getMetadata().getName(), System.nanoTime());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        closed(cause);
      }
    };
  }

  /**
   * Waits until {@code clusters} clusters have been seen Complete on the version.
   *
   * @return the {@link System#nanoTime()} at which the last of them was seen
   * @throws IllegalStateException when they are not all Complete in time
   */
  long awaitComplete(int clusters, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (completeSeen.size() < clusters) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(completeSeen.size() + " of " + clusters + " clusters reached " + version
            + " within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(5);
    }
    return completeSeen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  /**
   * The longest time, in seconds, from the benchmark editing a cluster to the watch seeing it Complete:
   * a cluster's rollout as its owner sees it, without the time the edits of the others took.
   */
  double slowestCluster() {
    return completeSeen.entrySet().stream()
        .filter(e -> retargeted.containsKey(e.getKey()))
        .mapToDouble(e -> (e.getValue() - retargeted.get(e.getKey())) / 1e9)
        .max().orElse(0);
  }

  /** The shares of the time, mean and max in seconds, for the hosts and clusters seen. */
  String summary(Duration apply) {
    List<Double> agent = new ArrayList<>();
    List<Double> start = new ArrayList<>();
    List<Double> between = new ArrayList<>();
    List<Double> finish = new ArrayList<>();
    planSeen.forEach((host, planned) -> {
      Long applied = appliedSeen.get(host);
      if (applied != null) {
        agent.add((applied - planned) / 1e9 - apply.toNanos() / 1e9);
      }
    });
    retargeted.forEach((cluster, at) -> {
      // Plans seen in the cluster, in order; a batch is the plans issued before any of them applied.
      List<String> hosts = clusterOf.entrySet().stream().filter(e -> e.getValue().equals(cluster))
          .map(Map.Entry::getKey).sorted((a, b) -> Long.compare(planSeen.get(a), planSeen.get(b))).toList();
      if (hosts.isEmpty()) {
        return;
      }
      start.add((planSeen.get(hosts.get(0)) - at) / 1e9);
      long lastApplied = Long.MIN_VALUE;
      for (String host : hosts) {
        long planned = planSeen.get(host);
        if (lastApplied != Long.MIN_VALUE && planned > lastApplied) {
          between.add((planned - lastApplied) / 1e9);
        }
        lastApplied = Math.max(lastApplied, appliedSeen.getOrDefault(host, planned));
      }
      Long complete = completeSeen.get(cluster);
      if (complete != null) {
        finish.add((complete - lastApplied) / 1e9);
      }
    });
    return String.format(Locale.ROOT, "where the time went, mean / max s: agents (poll + report) %s; operator: "
        + "retarget to first plans %s, batch applied to next plans %s, last applied to Complete %s",
        stats(agent), stats(start), stats(between), stats(finish));
  }

  private static String stats(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return String.format(Locale.ROOT, "%.2f / %.2f (%d)", mean, max, values.size());
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
