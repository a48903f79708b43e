package dev.lifecycle.edge.agent.client;

/**
 * The TLS handshake failed because the server presented another certificate than the one this host pins: not
 * the site controller the link token names, or someone in between. Retried like an unreachable gateway (the
 * right server may come back), never trusted.
 */
public final class GatewayUntrustedException extends GatewayUnreachableException {

  private static final long serialVersionUID = 1L;

  public GatewayUntrustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
