package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.operator.token.TokenGenerator;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Keeps a cluster's join secret in place ({@link JoinSecrets}): generated once (256 random bits) when the
 * cluster has none and no host has been planned into it yet, and never again. A join secret that is gone
 * once hosts were planned is not replaced: the hosts already in the cluster hold the old one, and a new
 * one would let nobody join them. The cluster then reports it lost, and forms no further host, until a
 * person puts the old value back; a Secret of that name without a controller (restored from a backup,
 * or created by hand) is adopted: at once when it carries the label, else within a minute. A Secret of that name another object controls is never touched.
 *
 * <p>Reads come from the informer cache of join secrets (label-selected); writes are fed back into it.
 * The secret's value never leaves this class and {@link JoinSecrets}: the reconciler learns only whether
 * the cluster has one, and uses it, unseen, as the key of the digest of the cluster's variables.
 */
final class JoinSecretStore {

  static final String LOST = "JoinSecretLost";
  static final String CONFLICT = "JoinSecretConflict";

  private final KubernetesClient client;
  private final InformerEventSource<Secret, EdgeCluster> secrets;
  private final TokenGenerator generator;

  JoinSecretStore(KubernetesClient client, InformerEventSource<Secret, EdgeCluster> secrets, TokenGenerator generator) {
    this.client = client;
    this.secrets = secrets;
    this.generator = generator;
  }

  /**
   * Makes sure the cluster has its join secret.
   *
   * @param planned whether some host already has a plan of this cluster (then a missing secret is lost)
   * @return empty when the cluster has its join secret; else why not, for its conditions
   */
  Optional<ClusterVerdict> ensure(EdgeCluster cluster, boolean planned) {
    String name = JoinSecrets.name(cluster.getMetadata().getName());
    Optional<Secret> cached = secrets.get(new ResourceID(name, cluster.getMetadata().getNamespace()));
    if (cached.isPresent()) {
      return keep(cluster, cached.get(), planned);
    }
    if (planned) {
      // Not among the labelled Secrets: perhaps restored without its label. One read, only in this state.
      Secret existing = client.secrets().inNamespace(cluster.getMetadata().getNamespace()).withName(name).get();
      return existing == null ? Optional.of(lost(name)) : keep(cluster, existing, true);
    }
    return create(cluster, name);
  }

  /**
   * The key of the digest of the cluster's variable values: its join secret, stable for the cluster's life
   * and secret, so the digest status shows cannot be checked against guessed values. Read from the cache,
   * or, right after {@link #ensure} made it, from the API.
   */
  Optional<byte[]> digestKey(EdgeCluster cluster) {
    String name = JoinSecrets.name(cluster.getMetadata().getName());
    Optional<Secret> secret = secrets.get(new ResourceID(name, cluster.getMetadata().getNamespace()))
        .or(() -> Optional.ofNullable(client.secrets().inNamespace(cluster.getMetadata().getNamespace())
            .withName(name).get()));
    return secret.filter(s -> JoinSecrets.ownedBy(s, cluster)).flatMap(JoinSecrets::valueOf)
        .map(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Optional<ClusterVerdict> keep(EdgeCluster cluster, Secret existing, boolean planned) {
    String name = existing.getMetadata().getName();
    boolean owned = JoinSecrets.ownedBy(existing, cluster);
    if (!owned && JoinSecrets.controlled(existing)) {
      return Optional.of(ClusterVerdict.stalled(null, CONFLICT, "Secret " + name + " exists and is controlled by "
          + JoinSecrets.controllerOf(existing) + ", not by this cluster; the operator leaves it untouched and plans "
          + "no host until it can keep the cluster's join secret there: delete or rename that Secret"));
    }
    Optional<String> value = JoinSecrets.valueOf(existing);
    if (value.isEmpty() && planned) {
      return Optional.of(lost(name));
    }
    if (owned && value.isPresent()) {
      return Optional.empty();
    }
    Secret adopted = JoinSecrets.adopt(existing, cluster);
    if (value.isEmpty()) {
      adopted.setData(JoinSecrets.create(cluster, generator.next()).getData());
    }
    Secret updated = client.resource(adopted).update();
    secrets.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, existing);
    return Optional.empty();
  }

  private Optional<ClusterVerdict> create(EdgeCluster cluster, String name) {
    try {
      Secret created = client.resource(JoinSecrets.create(cluster, generator.next())).create();
      secrets.handleRecentResourceCreate(ResourceID.fromResource(created), created);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      Secret existing = client.secrets().inNamespace(cluster.getMetadata().getNamespace()).withName(name).get();
      if (existing == null) {
        throw new IllegalStateException("Secret " + name + " was reported to exist and is gone; trying again");
      }
      return keep(cluster, existing, false);
    }
  }

  private static ClusterVerdict lost(String name) {
    return ClusterVerdict.stalled(null, LOST, "the cluster's join secret (Secret " + name + ", key "
        + JoinSecrets.KEY + ") is gone or empty, and hosts were already planned into the cluster with it: a new "
        + "one would not let further hosts join them, so none is planned. Put the old value back into that "
        + "Secret (from a backup, or the distribution's server token on a control-plane host); see "
        + "docs/troubleshooting.md");
  }
}
