package dev.lifecycle.edge.agent.client;

/** No answer from the gateway: connection refused, reset, timed out, TLS handshake failed. */
public class GatewayUnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
