package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Key;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The three things of the fabric8 mock store that the embedded API needs and that it keeps private: its
 * resourceVersion counter (a restart must continue above the highest version handed out), the
 * attributes of a key (the durable store writes them down to file the object under the same key again)
 * and its lock (a write made beside the mock's own handlers must not land while a list is read, or the
 * list's resourceVersion would claim a change the list does not hold). Read by reflection, once; a
 * fabric8 version that renames them fails here, at start, with this message, and in the store's tests.
 */
final class MockStoreInternals {

  private static final Field COUNTER = field(KubernetesCrudDispatcher.class, "resourceVersion");
  private static final Field ATTRIBUTES = field(AttributeSet.class, "attributes");
  private static final Field LOCK = field(KubernetesCrudDispatcher.class, "lock");

  private MockStoreInternals() {
  }

  static AtomicLong counter(KubernetesCrudDispatcher dispatcher) {
    try {
      return (AtomicLong) COUNTER.get(dispatcher);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the mock store's resourceVersion counter", e);
    }
  }

  static ReadWriteLock lock(KubernetesCrudDispatcher dispatcher) {
    try {
      return (ReadWriteLock) LOCK.get(dispatcher);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the mock store's lock", e);
    }
  }

  @SuppressWarnings("unchecked")
  static Collection<Attribute> attributes(AttributeSet key) {
    try {
      return ((Map<Key, Attribute>) ATTRIBUTES.get(key)).values();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the attributes of a mock store key", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      throw new IllegalStateException("this fabric8 version's " + type.getSimpleName() + " has no field " + name
          + ", which the durable store reads: update MockStoreInternals", e);
    }
  }
}
