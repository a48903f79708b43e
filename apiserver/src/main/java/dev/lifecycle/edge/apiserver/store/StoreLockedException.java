package dev.lifecycle.edge.apiserver.store;

/** Another process (or another store in this one) has the store's directory open. */
public final class StoreLockedException extends IllegalStateException {

  public StoreLockedException(String message) {
    super(message);
  }
}
