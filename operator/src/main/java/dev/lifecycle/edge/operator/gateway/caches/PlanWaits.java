package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plan requests parked by a long poll, woken when the gateway's host watch sees their host's plan
 * change (a new generation, the plan removed) or the host deleted. Updates that leave the plan as it
 * was, such as heartbeats and reports, wake nobody.
 */
public final class PlanWaits implements ResourceEventHandler<EdgeHost> {

  private final Map<String, Set<Runnable>> parked = new ConcurrentHashMap<>();

  /**
   * Parks {@code wake} until the plan of the host (key {@code namespace/name}) changes.
   *
   * @return what un-parks it without waking it (the request ended another way)
   */
  public Runnable park(String hostKey, Runnable wake) {
    // compute, not computeIfAbsent(...).add(...): a wake that removes the set in between would leave
    // this request parked in a set nobody wakes.
    parked.compute(hostKey, (k, waiting) -> {
      Set<Runnable> set = waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
      set.add(wake);
      return set;
    });
    return () -> parked.computeIfPresent(hostKey, (k, waiting) -> {
      waiting.remove(wake);
      return waiting.isEmpty() ? null : waiting;
    });
  }

  /** How many requests are parked, for tests and metrics. */
  public int size() {
    return parked.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public void onAdd(EdgeHost host) {
    wake(HostDirectory.key(host));
  }

  @Override
  public void onUpdate(EdgeHost previous, EdgeHost host) {
    if (!Objects.equals(generation(previous), generation(host))) {
      wake(HostDirectory.key(host));
    }
  }

  @Override
  public void onDelete(EdgeHost host, boolean finalStateUnknown) {
    wake(HostDirectory.key(host));
  }

  private void wake(String hostKey) {
    Set<Runnable> waiting = parked.remove(hostKey);
    if (waiting != null) {
      waiting.forEach(Runnable::run);
    }
  }

  private static Long generation(EdgeHost host) {
    HostPlan plan = host.getStatus() == null ? null : host.getStatus().getPlan();
    return plan == null ? null : plan.getGeneration();
  }
}
