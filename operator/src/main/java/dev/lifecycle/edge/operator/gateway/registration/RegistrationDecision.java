package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What to do with a registration: refuse it, bind the machine to an existing host, or create one.
 * A registration of a machine new to a limited token takes a slot: {@code slot} is then the count the
 * token's {@code status.registrations} must hold before the host is written.
 */
sealed interface RegistrationDecision {

  /** The token's {@code status.registrations} once this machine is counted, when it takes a slot. */
  OptionalInt slot();

  /** Refused, with the answer. */
  record Refuse(ApiError error) implements RegistrationDecision {

    @Override
    public OptionalInt slot() {
      return OptionalInt.empty();
    }
  }

  /** A pre-provisioned host whose spec.machineId is the machine's, never registered: claimed now (200). */
  record Claim(EdgeHost host, OptionalInt slot) implements RegistrationDecision {
  }

  /**
   * The machine's host registers again (200): same host, new credential; the request proved it holds
   * the current credential, or a person allowed it.
   */
  record Reregister(EdgeHost host, OptionalInt slot) implements RegistrationDecision {
  }

  /**
   * The registration the agent sent again because its answer was lost (200): the host's current credential
   * was issued to this very request (it ends with the request's secret), so the answer is given again with
   * that credential, and nothing is written.
   */
  record Repeat(EdgeHost host) implements RegistrationDecision {

    @Override
    public OptionalInt slot() {
      return OptionalInt.empty();
    }
  }

  /** A new host (201), with its name and labels (the agent's, overlaid by the token's hostLabels). */
  record Create(String name, Map<String, String> labels, OptionalInt slot) implements RegistrationDecision {
  }
}
