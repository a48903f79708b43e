package dev.lifecycle.edge.oci;

/** Pulling or pushing failed; the message names the registry, the reference and what went wrong. */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
