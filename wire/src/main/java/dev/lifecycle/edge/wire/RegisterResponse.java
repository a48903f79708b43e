package dev.lifecycle.edge.wire;

/**
 * Answer of {@code POST /v1/register}: where the host landed and its credential.
 *
 * @param namespace the project (namespace) of the host
 * @param host the EdgeHost name
 * @param credential the per-host credential, sent as {@code Authorization: Bearer}
 * @param heartbeatInterval how often to send a heartbeat, in the Kubernetes form ({@code 30s})
 */
public record RegisterResponse(String namespace, String host, String credential, String heartbeatInterval) {

  /** Never shows the credential. */
  @Override
  public String toString() {
    return "RegisterResponse[namespace=" + namespace + ", host=" + host + ", heartbeatInterval="
        + heartbeatInterval + "]";
  }
}
