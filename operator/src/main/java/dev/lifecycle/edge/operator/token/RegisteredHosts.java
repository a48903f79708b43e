package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;

/**
 * What a token reads of a host: which token it registered with. The token reconciler's cache of hosts
 * keeps only that ({@link #slim}), not each host's plan, report, inventory and conditions: the operator
 * holds every host in several caches, and this one counts them.
 */
final class RegisteredHosts {

  private RegisteredHosts() {
  }

  /** The name of the token the host registered with, when it has registered. */
  static Optional<String> tokenOf(EdgeHost host) {
    return Optional.ofNullable(host.getStatus())
        .map(EdgeHostStatus::getRegistration)
        .map(RegistrationRecord::getTokenName);
  }

  /** A copy of the host with its identity and its token only, as the token reconciler caches it. */
  static EdgeHost slim(EdgeHost host) {
    EdgeHost slim = new EdgeHost();
    slim.setMetadata(new ObjectMetaBuilder()
        .withName(host.getMetadata().getName())
        .withNamespace(host.getMetadata().getNamespace())
        .withUid(host.getMetadata().getUid())
        .withResourceVersion(host.getMetadata().getResourceVersion())
        .build());
    tokenOf(host).ifPresent(token -> {
      RegistrationRecord registration = new RegistrationRecord();
      registration.setTokenName(token);
      EdgeHostStatus status = new EdgeHostStatus();
      status.setRegistration(registration);
      slim.setStatus(status);
    });
    return slim;
  }
}
