package dev.lifecycle.edge.operator.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The objects this process wrote that its informer cache may not show yet. A cluster that counted its hosts from a
 * cache lagging its own claim writes claimed again, beyond its counts; reading each cached object through
 * {@link #current} gives the written version until the cache holds it or a newer one.
 *
 * <p>JOSDK's temporary resource cache ({@code InformerEventSource.handleRecentResourceUpdate}) does the same for
 * {@code get} only, not for {@code list}, which is what a cluster counts its hosts from.
 *
 * <p>Resource versions are compared as numbers (what every API server built on etcd hands out); when they are not
 * numbers, the write is read until the cache shows its very version. An entry older than {@code keep} is forgotten:
 * a cache that lags that long is broken, and a deleted object leaves no entry behind for ever.
 *
 * @param <T> what is remembered of a write (the written object)
 */
public final class RecentWrites<T> {

  private record Written<T>(String version, T value, Instant at) {
  }

  private final ConcurrentMap<String, Written<T>> byKey = new ConcurrentHashMap<>();
  private final Duration keep;

  public RecentWrites(Duration keep) {
    this.keep = keep;
  }

  /** Remembers a write that returned {@code version}; a write remembered with a newer version stays. */
  public void wrote(String key, String version, T value, Instant now) {
    byKey.merge(key, new Written<>(version, value, now),
        (old, fresh) -> newer(old.version(), fresh.version()) ? old : fresh);
    byKey.values().removeIf(w -> expired(w, now));
  }

  /** The object to read: the one written, while the cache shows an older version of it; else the cached one. */
  public T current(String key, String cachedVersion, T cached, Instant now) {
    Written<T> written = byKey.get(key);
    if (written == null) {
      return cached;
    }
    if (!expired(written, now) && newer(written.version(), cachedVersion)) {
      return written.value();
    }
    byKey.remove(key, written);
    return cached;
  }

  /** Whether no write waits for the cache: the common case, which a fleet-wide scan checks before building keys. */
  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** The objects written that the cache may not show yet (some it may show by now). */
  public java.util.List<T> values() {
    return byKey.values().stream().map(Written::value).toList();
  }

  /** How many writes the cache does not show yet, as far as this process knows. */
  public int size() {
    return byKey.size();
  }

  private boolean expired(Written<T> written, Instant now) {
    return written.at().plus(keep).isBefore(now);
  }

  static boolean newer(String version, String than) {
    if (than == null) {
      return true;
    }
    try {
      return Long.parseLong(version) > Long.parseLong(than);
    } catch (NumberFormatException e) {
      return !version.equals(than);
    }
  }
}
