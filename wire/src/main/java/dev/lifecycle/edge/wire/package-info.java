/**
 * The agent-gateway protocol (docs/gateway-api.md) as plain records, read and written with Jackson:
 * the one contract the gateway answers with, the agent speaks and the agent's test gateway checks.
 * Jackson only, so the agent stays free of the Kubernetes client; the gateway maps these records to
 * and from the API classes.
 */
package dev.lifecycle.edge.wire;
