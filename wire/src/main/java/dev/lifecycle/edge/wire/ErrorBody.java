package dev.lifecycle.edge.wire;

/**
 * Body of every gateway error answer: {@code {"error": code, "message": message}}.
 *
 * @param error a CamelCase code, such as {@code TokenRevoked}
 * @param message for a person; never a token or a credential
 */
public record ErrorBody(String error, String message) {
}
