package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The values of variables read from Secrets, as the gateway reads them: from its own watch of the Secrets
 * labelled {@link VariableSecrets#LABEL} (never every Secret), like {@link JoinSecretCache}, so a plan answer
 * costs no API call.
 */
public final class VariableSecretCache {

  private final WatchedResources<Secret> secrets;

  VariableSecretCache(WatchedResources<Secret> secrets) {
    this.secrets = secrets;
  }

  /** The Secret, when it is in the namespace and labelled (registry credentials are read whole). */
  public Optional<Secret> secret(String namespace, String name) {
    Secret secret = secrets.getByKey(namespace + "/" + name);
    return secret == null || !VariableSecrets.labelled(secret) ? Optional.empty() : Optional.of(secret);
  }

  /** The value of the key, when the Secret is in the namespace, labelled, and holds the key. */
  public Optional<String> of(String namespace, SecretKeyReference ref) {
    Secret secret = secrets.getByKey(namespace + "/" + ref.getName());
    return secret == null || !VariableSecrets.labelled(secret) ? Optional.empty()
        : VariableSecrets.valueOf(secret, ref.getKey());
  }
}
