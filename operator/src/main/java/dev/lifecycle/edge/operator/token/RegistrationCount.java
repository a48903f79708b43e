package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;

/**
 * How many machines a token has registered, as its limit counts them. A token with
 * {@code maxRegistrations} counts the distinct machines it ever registered: the gateway raises
 * {@code status.registrations} before it registers a machine new to the token, and the count never
 * falls, so moving a host to another token or deleting it frees no slot. A token without a limit
 * counts the hosts registered with it now. Pure: the gateway and the token reconciler count alike.
 */
public final class RegistrationCount {

  private RegistrationCount() {
  }

  /**
   * @param spec the token's spec
   * @param status the token's status as last written (null before the first write)
   * @param registeredNow hosts registered with the token now
   */
  public static int of(RegistrationTokenSpec spec, RegistrationTokenStatus status, int registeredNow) {
    boolean limited = spec != null && spec.getMaxRegistrations() != null;
    if (!limited || status == null || status.getRegistrations() == null) {
      return registeredNow;
    }
    return Math.max(status.getRegistrations(), registeredNow);
  }
}
