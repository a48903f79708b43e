package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.operator.cluster.JoinSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The clusters' join secrets as the gateway reads them: from its own watch of the Secrets that carry the
 * join-secret label (never every Secret), so a plan answer costs no API call.
 */
public final class JoinSecretCache {

  private final WatchedResources<Secret> secrets;

  JoinSecretCache(WatchedResources<Secret> secrets) {
    this.secrets = secrets;
  }

  /** The join secret of the cluster, when the operator has made it and the watch has seen it. */
  public Optional<String> of(String namespace, String cluster) {
    Secret secret = secrets.getByKey(namespace + "/" + JoinSecrets.name(cluster));
    return secret == null || !JoinSecrets.isJoinSecretOf(secret, cluster) ? Optional.empty()
        : JoinSecrets.valueOf(secret);
  }
}
