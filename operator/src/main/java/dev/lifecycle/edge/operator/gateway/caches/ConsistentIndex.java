package dev.lifecycle.edge.operator.gateway.caches;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import java.util.List;

/**
 * Index reads of an informer cache that never miss an object while the informer updates it.
 *
 * <p>fabric8's cache ({@link CacheImpl}) files an updated object in its indexes by first removing it
 * under its old index values, then adding it under its new ones, holding the cache's lock; index reads
 * take no lock (documented in its Javadoc; fabric8io/kubernetes-client#7265). So on every update an
 * object is missing from its index for an instant, even when the indexed value did not change: a
 * token whose status is rewritten (its registration count, after every registration) is briefly not
 * found by its hash, and its next registration was refused with 401 "unknown registration token". A
 * read under the lock the cache's writes hold sees the index before or after an update, never in
 * between. The lock is held for an update of one object at a time, so a reader waits microseconds.
 */
final class ConsistentIndex {

  private ConsistentIndex() {
  }

  /** The objects filed under {@code value} in the named index, as of one moment between two updates. */
  static <T extends HasMetadata> List<T> byIndex(Indexer<T> indexer, String indexName, String value) {
    synchronized (lockOf(indexer)) {
      return indexer.byIndex(indexName, value);
    }
  }

  /** The lock the cache's writes hold; an indexer of another kind is its own lock (no better is known). */
  private static Object lockOf(Indexer<?> indexer) {
    return indexer instanceof CacheImpl<?> cache ? cache.getLockObject() : indexer;
  }
}
