package dev.lifecycle.edge.wire;

/** Body of {@code POST /v1/heartbeat}: no body at all, or an object without fields. */
public record Heartbeat() {
}
