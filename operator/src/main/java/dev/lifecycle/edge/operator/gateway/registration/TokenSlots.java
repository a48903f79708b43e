package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes a slot of a limited token before a machine new to it is registered: raises the token's
 * {@code status.registrations} with optimistic locking, so the count a limit judges never falls and
 * never misses a machine, whatever happens to the host later (moved to another token, deleted). The
 * token reconciler keeps the count (its write merges with the latest one). Blocking; called under the
 * token's lock.
 *
 * <p>It keeps each token as it last wrote it, and uses that copy while the cache still shows the
 * version it wrote over, so that a burst of registrations does not read its own writes back from the
 * API. A copy that is stale otherwise only costs a conflict and a fresh read.
 */
final class TokenSlots {

  /** A token as this gateway wrote it, and the version it replaced. */
  private record Written(RegistrationToken token, String replaced) {
  }

  private final KubernetesClient client;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  TokenSlots(KubernetesClient client) {
    this.client = client;
  }

  /** The token to decide with: the copy this gateway wrote, while the cache has not caught up with it. */
  RegistrationToken latest(RegistrationToken cached) {
    String key = key(cached);
    Written mine = written.get(key);
    if (mine != null && Objects.equals(mine.replaced(), cached.getMetadata().getResourceVersion())) {
      return mine.token();
    }
    written.remove(key, mine);
    return cached;
  }

  /**
   * Writes {@code registrations} into the token's status, over the token's version.
   *
   * @return empty when the slot is taken; else the token as it is now, changed by another write
   *     meanwhile: decide again with it
   */
  Optional<RegistrationToken> take(RegistrationToken token, int registrations) {
    RegistrationToken changed = client.getKubernetesSerialization().clone(token);
    if (changed.getStatus() == null) {
      changed.setStatus(new RegistrationTokenStatus());
    }
    changed.getStatus().setRegistrations(registrations);
    try {
      RegistrationToken stored = client.resource(changed).updateStatus();
      written.put(key(token), new Written(stored, token.getMetadata().getResourceVersion()));
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      RegistrationToken fresh = e.getCode() == HttpURLConnection.HTTP_CONFLICT ? client.resource(token).get() : null;
      if (fresh == null) {
        throw ApiError.unauthorized("registration token " + token.getMetadata().getName()
            + " was deleted during the registration").exception();
      }
      return Optional.of(fresh);
    }
  }

  private static String key(RegistrationToken token) {
    return HostDirectory.key(token.getMetadata().getNamespace(), token.getMetadata().getName());
  }
}
