package dev.lifecycle.edge.oci;

/** A registry or its token service refused us (401 or 403); the message says which credentials were used and from where. */
public class RegistryAuthException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public RegistryAuthException(String message) {
    super(message);
  }
}
