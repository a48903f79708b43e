package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import java.util.Map;

/** What to do with a registration: refuse it, bind the machine to an existing host, or create one. */
sealed interface RegistrationDecision {

  /** Refused, with the answer. */
  record Refuse(ApiError error) implements RegistrationDecision {
  }

  /** A pre-provisioned host whose spec.machineId is the machine's, never registered: claimed now (200). */
  record Claim(EdgeHost host) implements RegistrationDecision {
  }

  /** The machine's host registers again (200): same host, new credential. */
  record Reregister(EdgeHost host) implements RegistrationDecision {
  }

  /** A new host (201), with its name and labels (the agent's, overlaid by the token's hostLabels). */
  record Create(String name, Map<String, String> labels) implements RegistrationDecision {
  }
}
