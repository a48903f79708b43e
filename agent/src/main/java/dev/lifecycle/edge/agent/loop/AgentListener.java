package dev.lifecycle.edge.agent.loop;

import dev.lifecycle.edge.agent.client.GatewayException;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;

/** What an agent loop tells its owner; called on the loop's threads, so implementations must be quick. */
public interface AgentListener {

  /** The gateway registered the host (first time or again). */
  default void registered(RegisterResponse registration) {
  }

  /** The gateway refused the registration; the loop has stopped. */
  default void refused(GatewayException refusal) {
  }

  /** The gateway accepted {@code report}. */
  default void reported(Report report) {
  }
}
