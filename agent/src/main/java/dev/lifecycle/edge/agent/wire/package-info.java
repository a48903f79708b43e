/**
 * The gateway's wire format (docs/gateway-api.md) as plain records: what the agent sends and reads.
 * The agent depends on nothing else of the project, so these mirror the contract, not the API classes.
 */
package dev.lifecycle.edge.agent.wire;
