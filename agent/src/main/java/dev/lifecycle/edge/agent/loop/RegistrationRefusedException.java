package dev.lifecycle.edge.agent.loop;

import dev.lifecycle.edge.agent.client.GatewayException;

/** The gateway answered 401 or 403 to a registration: the token does not register hosts now. */
final class RegistrationRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient GatewayException refusal;

  RegistrationRefusedException(GatewayException refusal) {
    super(refusal.getMessage(), refusal);
    this.refusal = refusal;
  }

  GatewayException refusal() {
    return refusal;
  }
}
