package dev.lifecycle.edge.agent.loop;

/** Where an agent loop stands. */
public enum AgentPhase {
  /** Not started yet. */
  STARTING,
  /** Registering with its token. */
  REGISTERING,
  /** Registered and talking to the gateway. */
  CONNECTED,
  /** The gateway did not answer (or answered 5xx): waiting before the next attempt. */
  RECONNECTING,
  /** The gateway refused the registration (401/403): stopped for good. */
  REFUSED,
  /** Closed. */
  STOPPED
}
