package dev.lifecycle.edge.apiserver.store;

/** The store's directory holds something it cannot load without losing acknowledged writes: it does not start. */
public final class StoreCorruptException extends RuntimeException {

  public StoreCorruptException(String message) {
    super(message);
  }
}
