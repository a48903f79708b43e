package dev.lifecycle.edge.operator.gateway;

/** The body of {@code POST /v1/report}: how the agent's work on a plan stands. */
record ReportRequest(Long planGeneration, String state, String message, String profileVersion) {
}
