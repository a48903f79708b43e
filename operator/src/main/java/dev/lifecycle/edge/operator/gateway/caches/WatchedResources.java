package dev.lifecycle.edge.operator.gateway.caches;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One kind as the gateway watches it: one informer over every namespace, or one per watched namespace
 * (a Role in each is all the operator needs then), read as one indexed cache.
 */
public final class WatchedResources<T extends HasMetadata> implements AutoCloseable {

  /** The key of the single informer that watches every namespace. */
  private static final String ALL = "";

  private final Class<T> kind;
  private final Map<String, SharedIndexInformer<T>> informers;

  private WatchedResources(Class<T> kind, Map<String, SharedIndexInformer<T>> informers) {
    this.kind = kind;
    this.informers = informers;
  }

  /** Informers of the kind, not started: in the namespaces given, or in every namespace when none is. */
  static <T extends HasMetadata> WatchedResources<T> of(KubernetesClient client, Class<T> kind,
      Set<String> namespaces) {
    Map<String, SharedIndexInformer<T>> informers = new LinkedHashMap<>();
    if (namespaces.isEmpty()) {
      informers.put(ALL, client.resources(kind).inAnyNamespace().runnableInformer(0));
    } else {
      namespaces.forEach(namespace -> informers.put(namespace,
          client.resources(kind).inNamespace(namespace).runnableInformer(0)));
    }
    return new WatchedResources<>(kind, informers);
  }

  /** Like {@link #of}, only the objects that carry the label (any value): never every object of the kind. */
  static <T extends HasMetadata> WatchedResources<T> labelled(KubernetesClient client, Class<T> kind,
      Set<String> namespaces, String label) {
    Map<String, SharedIndexInformer<T>> informers = new LinkedHashMap<>();
    if (namespaces.isEmpty()) {
      informers.put(ALL, client.resources(kind).inAnyNamespace().withLabel(label).runnableInformer(0));
    } else {
      namespaces.forEach(namespace -> informers.put(namespace,
          client.resources(kind).inNamespace(namespace).withLabel(label).runnableInformer(0)));
    }
    return new WatchedResources<>(kind, informers);
  }

  void addIndexers(Map<String, Function<T, List<String>>> indexers) {
    informers.values().forEach(informer -> informer.addIndexers(indexers));
  }

  public void addEventHandler(ResourceEventHandler<T> handler) {
    informers.values().forEach(informer -> informer.addEventHandler(handler));
  }

  /**
   * Starts every informer and waits until each has listed everything.
   *
   * @throws IllegalStateException when one cannot list within the timeout
   */
  void start(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, SharedIndexInformer<T>> informer : informers.entrySet()) {
      try {
        informer.getValue().start().toCompletableFuture()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while watching " + what(informer.getKey()), e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the gateway cannot watch " + what(informer.getKey()) + ": "
            + (e.getCause() == null ? e : e.getCause()), e);
      }
    }
  }

  /** Calls back once for each informer that stops for good (an error, not a close). */
  void onStop(Consumer<Throwable> callback) {
    informers.values().forEach(informer -> informer.stopped().whenComplete((done, failure) -> {
      if (failure != null) {
        callback.accept(failure);
      }
    }));
  }

  /** Whether an informer stopped, for good or closed: its cache no longer follows the API. */
  boolean anyStopped() {
    return informers.values().stream().anyMatch(informer -> informer.stopped().toCompletableFuture().isDone());
  }

  /** The object with the key {@code namespace/name}, from the cache of its namespace. */
  T getByKey(String key) {
    if (informers.containsKey(ALL)) {
      return informers.get(ALL).getStore().getByKey(key);
    }
    int slash = key.indexOf('/');
    SharedIndexInformer<T> informer = slash < 0 ? null : informers.get(key.substring(0, slash));
    return informer == null ? null : informer.getStore().getByKey(key);
  }

  /**
   * The objects under the index key, across every watched namespace, each cache read consistently (an
   * object being updated is found all the same).
   */
  List<T> byIndex(String index, String key) {
    if (informers.size() == 1) {
      return ConsistentIndex.byIndex(informers.values().iterator().next().getIndexer(), index, key);
    }
    List<T> found = new ArrayList<>();
    informers.values().forEach(informer -> found.addAll(ConsistentIndex.byIndex(informer.getIndexer(), index, key)));
    return found;
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }

  private String what(String namespace) {
    return kind.getSimpleName() + "s " + (namespace.equals(ALL) ? "in every namespace" : "in namespace " + namespace);
  }
}
