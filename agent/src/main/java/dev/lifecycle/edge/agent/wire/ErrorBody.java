package dev.lifecycle.edge.agent.wire;

/**
 * Body of every gateway error answer.
 *
 * @param error a CamelCase code, such as {@code TokenRevoked}
 * @param message for a person
 */
public record ErrorBody(String error, String message) {
}
