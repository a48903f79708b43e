package dev.lifecycle.edge.agent.loop;

import dev.lifecycle.edge.wire.Report;

/**
 * A snapshot of one agent loop, for progress lines and tests.
 *
 * @param phase where the loop stands
 * @param namespace the namespace it registered into, or null
 * @param host the EdgeHost name it registered as, or null
 * @param lastReport the last report the gateway accepted, or null
 */
public record AgentStatus(AgentPhase phase, String namespace, String host, Report lastReport) {
}
