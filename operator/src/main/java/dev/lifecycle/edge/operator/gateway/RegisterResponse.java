package dev.lifecycle.edge.operator.gateway;

/**
 * The answer to a registration. {@link #toString()} leaves the credential out, so that no log line can
 * carry it by accident.
 */
record RegisterResponse(String namespace, String host, String credential, String heartbeatInterval) {

  @Override
  public String toString() {
    return "RegisterResponse[namespace=" + namespace + ", host=" + host + "]";
  }
}
