package dev.lifecycle.edge.apiserver;

import dev.lifecycle.edge.apiserver.store.DurableStore;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where the dispatcher tells each write before it applies it: nowhere for an in-memory API, a
 * {@link DurableStore} for a durable one, which has it on disk when this returns (or throws
 * {@link dev.lifecycle.edge.apiserver.store.StoreUnavailableException}, and the write is not applied).
 */
interface StoreJournal {

  StoreJournal NONE = (before, previous, after, object) -> {
  };

  /**
   * The object stored under {@code before} (whose JSON was {@code previous}) is now {@code object} under
   * {@code after}; {@code after} and {@code object} are null for a deletion.
   */
  void written(AttributeSet before, String previous, AttributeSet after, String object);

  /** A journal onto the store, stamping each record with the counter's value once the write is made. */
  static StoreJournal onto(DurableStore store, LongSupplier resourceVersion) {
    return (before, previous, after, object) -> {
      if (object == null) {
        if (before != null && previous != null) {
          store.delete(resourceVersion.getAsLong(), StoreKeys.identity(before));
        }
        return;
      }
      if (Objects.equals(previous, object) && Objects.equals(before, after)) {
        return;
      }
      String identity = StoreKeys.identity(after);
      if (before != null && previous != null && !identity.equals(StoreKeys.identity(before))) {
        store.delete(resourceVersion.getAsLong(), StoreKeys.identity(before));
      }
      store.put(resourceVersion.getAsLong(), identity, StoreKeys.toStore(after), object);
    };
  }
}
