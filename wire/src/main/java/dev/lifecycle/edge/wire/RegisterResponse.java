package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer of {@code POST /v1/register}: where the host landed and its credential.
 *
 * @param namespace the project (namespace) of the host
 * @param host the EdgeHost name
 * @param credential the per-host credential, sent as {@code Authorization: Bearer}
 * @param heartbeatInterval how often to send a heartbeat, in the Kubernetes form ({@code 30s})
 * @param site the operator's site settings for the host, as its plans carry them (see {@link Plan#site()})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegisterResponse(String namespace, String host, String credential, String heartbeatInterval,
    Site site) {

  /** An answer that carries no site settings. */
  public RegisterResponse(String namespace, String host, String credential, String heartbeatInterval) {
    this(namespace, host, credential, heartbeatInterval, null);
  }

  /** Never shows the credential. */
  @Override
  public String toString() {
    return "RegisterResponse[namespace=" + namespace + ", host=" + host + ", heartbeatInterval="
        + heartbeatInterval + "]";
  }
}
