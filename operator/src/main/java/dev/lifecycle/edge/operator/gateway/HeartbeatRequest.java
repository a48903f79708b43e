package dev.lifecycle.edge.operator.gateway;

/** The body of {@code POST /v1/heartbeat}: empty, or an object without fields. */
record HeartbeatRequest() {
}
