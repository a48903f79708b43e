package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import java.util.LinkedHashSet;
import java.util.Set;

/** The Secrets an ImageRegistry reads: its credentials and its CA's. A change of either wakes who uses it. */
public final class RegistrySecrets {

  private RegistrySecrets() {
  }

  public static Set<String> names(ImageRegistry registry) {
    Set<String> names = new LinkedHashSet<>();
    if (registry.getSpec() == null) {
      return names;
    }
    if (registry.getSpec().getCredentialsSecretRef() != null && registry.getSpec().getCredentialsSecretRef().getName() != null) {
      names.add(registry.getSpec().getCredentialsSecretRef().getName());
    }
    if (registry.getSpec().getCa() != null && registry.getSpec().getCa().getSecretKeyRef() != null) {
      names.add(registry.getSpec().getCa().getSecretKeyRef().getName());
    }
    return names;
  }
}
