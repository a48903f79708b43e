package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.Validation;
import dev.lifecycle.edge.operator.security.Hashes;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The name of an EdgeHost the gateway creates: the agent's hostname when it is a DNS-1123 label that no
 * host of the namespace has, else {@code host-<first 10 hex digits of sha256(machineId)>}. Pure.
 */
final class HostNaming {

  private static final Pattern LABEL = Pattern.compile(Validation.DNS1123_LABEL_REGEX);

  private HostNaming() {
  }

  static String name(String hostname, String machineId, Predicate<String> taken) {
    if (hostname != null && hostname.length() <= 63 && LABEL.matcher(hostname).matches() && !taken.test(hostname)) {
      return hostname;
    }
    return fallback(machineId);
  }

  static String fallback(String machineId) {
    return "host-" + Hashes.sha256(machineId).substring(Hashes.PREFIX.length(), Hashes.PREFIX.length() + 10);
  }
}
