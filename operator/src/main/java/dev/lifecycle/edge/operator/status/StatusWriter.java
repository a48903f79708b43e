package dev.lifecycle.edge.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status of an object that several parties write (an EdgeHost: the gateway, the host
 * reconciler, the cluster reconciler) without ever losing another party's update: each write is a
 * read-modify-write of the writer's own fields with optimistic locking, retried on 409 from a fresh
 * read. A change that is no longer wanted after a fresh read (another cluster claimed the host
 * first) is dropped.
 */
public final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
  private static final int MAX_ATTEMPTS = 20;

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies {@code change} to the status and writes it with the object's resourceVersion.
   *
   * @param current the object as last seen (from a cache); its resourceVersion is tried first
   * @param applies whether the change still applies to a (possibly fresher) object
   * @param change changes the writer's own fields of a copy; returns the copy
   * @return the written object, or empty when the change no longer applies or the object is gone
   */
  public <R extends HasMetadata> Optional<R> update(R current, Predicate<R> applies, UnaryOperator<R> change) {
    R candidate = current;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (candidate == null || !applies.test(candidate)) {
        return Optional.empty();
      }
      R changed = change.apply(copy(candidate));
      try {
        return Optional.of(client.resource(changed).updateStatus());
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.empty();
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        LOG.debug("conflict writing status of {}/{}, attempt {}: reading it again",
            current.getMetadata().getNamespace(), current.getMetadata().getName(), attempt);
        backOff(attempt);
        candidate = client.resource(current).get();
      }
    }
    throw new IllegalStateException("gave up writing the status of " + current.getKind() + " "
        + current.getMetadata().getNamespace() + "/" + current.getMetadata().getName() + " after " + MAX_ATTEMPTS
        + " conflicts");
  }

  /** Writers in step would collide again at once: wait a little, longer after each conflict, with jitter. */
  private static void backOff(int attempt) {
    long millis = Math.min(100, 2L * attempt) + ThreadLocalRandom.current().nextLong(5);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a status write", e);
    }
  }

  /** Applies a change that always applies. */
  public <R extends HasMetadata> Optional<R> update(R current, UnaryOperator<R> change) {
    return update(current, r -> true, change);
  }

  private <R extends HasMetadata> R copy(R resource) {
    return client.getKubernetesSerialization().clone(resource);
  }
}
