package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.RegisterResponse;

/**
 * What a host keeps between runs to authenticate: where it is registered and its credential.
 *
 * @param namespace the project (namespace) of the host
 * @param host the EdgeHost name
 * @param credential the per-host credential
 */
public record StoredCredential(String namespace, String host, String credential) {

  /** The credential a registration handed out. */
  public static StoredCredential of(RegisterResponse registration) {
    return new StoredCredential(registration.namespace(), registration.host(), registration.credential());
  }

  /** Never shows the credential. */
  @Override
  public String toString() {
    return "StoredCredential[namespace=" + namespace + ", host=" + host + "]";
  }
}
