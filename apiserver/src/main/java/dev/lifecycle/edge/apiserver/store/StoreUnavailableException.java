package dev.lifecycle.edge.apiserver.store;

/** A write could not be made durable (the disk failed or is full): it is refused and the store is unchanged. */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
