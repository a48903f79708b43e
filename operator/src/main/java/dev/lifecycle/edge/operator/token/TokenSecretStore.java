package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.security.Hashes;
import dev.lifecycle.edge.operator.token.SecretOutcome.Kind;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;
import dev.lifecycle.edge.operator.registry.RegistryResolver;

/**
 * Keeps a token's Secret in place. The token value is generated once, when the Secret is created;
 * later reconciles reuse the value the Secret holds and only re-render the user-data. A Secret that
 * is gone (deleted by someone) is created again with a new value: a rotation, reported as such. A
 * Secret of the same name that this token does not control is never touched.
 *
 * <p>Reads come from the informer cache of the operator's own Secrets (label-selected, so the
 * operator does not cache every Secret of the cluster); writes are fed back into that cache so the
 * next reconcile sees them even before the watch event arrives.
 */
final class TokenSecretStore {

  private final KubernetesClient client;
  private final InformerEventSource<Secret, RegistrationToken> secrets;
  private final TokenGenerator generator;
  private final UserDataDefaults defaults;

  TokenSecretStore(KubernetesClient client, InformerEventSource<Secret, RegistrationToken> secrets,
      TokenGenerator generator, UserDataDefaults defaults) {
    this.client = client;
    this.secrets = secrets;
    this.generator = generator;
    this.defaults = defaults;
  }

  SecretOutcome ensure(RegistrationToken token) {
    return ensure(token, Optional.empty());
  }

  /**
   * The Secret with user-data that carries the token's ImageRegistry, when it names one: a usable one is rendered
   * in; one that cannot be used changes nothing (a Secret that exists keeps its user-data, none is made).
   */
  SecretOutcome ensure(RegistrationToken token, Optional<RegistryResolver.Outcome> registry) {
    Optional<Secret> cached = secrets.get(ResourceID.fromResource(token));
    if (registry.isPresent() && registry.get() instanceof RegistryResolver.Refused refused) {
      Optional<String> kept = cached.filter(s -> TokenSecrets.ownedBy(s, token)).flatMap(TokenSecrets::tokenOf);
      return kept.map(value -> new SecretOutcome(Kind.UNCHANGED, cached.get().getMetadata().getName(), "",
              Hashes.sha256(value)))
          .orElseGet(() -> new SecretOutcome(Kind.HELD, token.getMetadata().getName(), refused.message()));
    }
    Optional<RegistryResolver.Usable> usable = registry.map(RegistryResolver.Usable.class::cast);
    return cached.isPresent() ? keepUpToDate(token, cached.get(), usable) : createOrAdopt(token, usable);
  }

  private SecretOutcome keepUpToDate(RegistrationToken token, Secret existing,
      Optional<RegistryResolver.Usable> registry) {
    String name = existing.getMetadata().getName();
    if (!TokenSecrets.ownedBy(existing, token)) {
      return new SecretOutcome(Kind.CONFLICT, name, "Secret " + name + " already exists and is not controlled by "
          + "this RegistrationToken (its controller: " + TokenSecrets.controllerOf(existing) + "); the operator "
          + "leaves it untouched: delete or rename that Secret, or give the token another name");
    }
    Optional<String> kept = TokenSecrets.tokenOf(existing);
    String tokenValue = kept.orElseGet(generator::next);
    String userData = render(token, tokenValue, registry);
    if (kept.isPresent() && TokenSecrets.holds(existing, tokenValue, userData)) {
      return new SecretOutcome(Kind.UNCHANGED, name, "", Hashes.sha256(tokenValue));
    }
    Secret updated = client.resource(TokenSecrets.update(existing, tokenValue, userData)).update();
    secrets.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, existing);
    return kept.isPresent() ? new SecretOutcome(Kind.UPDATED, name, "", Hashes.sha256(tokenValue))
        : new SecretOutcome(Kind.REISSUED, name, "Secret " + name + " held no token (key " + TokenSecrets.TOKEN_KEY
            + ")", Hashes.sha256(tokenValue));
  }

  private SecretOutcome createOrAdopt(RegistrationToken token, Optional<RegistryResolver.Usable> registry) {
    String tokenValue = generator.next();
    Secret desired = TokenSecrets.create(token, tokenValue, render(token, tokenValue, registry));
    String name = desired.getMetadata().getName();
    try {
      Secret created = client.resource(desired).create();
      secrets.handleRecentResourceCreate(ResourceID.fromResource(created), created);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Taken: a Secret outside the operator's label selection, or ours before its watch event arrived.
      Secret existing = client.secrets().inNamespace(token.getMetadata().getNamespace()).withName(name).get();
      if (existing == null) {
        throw new IllegalStateException("Secret " + name + " was reported to exist and is gone; trying again");
      }
      return keepUpToDate(token, existing, registry);
    }
    boolean issuedBefore = token.getStatus() != null && token.getStatus().getSecretName() != null;
    return issuedBefore
        ? new SecretOutcome(Kind.REISSUED, name, "Secret " + name + " was deleted", Hashes.sha256(tokenValue))
        : new SecretOutcome(Kind.ISSUED, name, "", Hashes.sha256(tokenValue));
  }

  private String render(RegistrationToken token, String tokenValue, Optional<RegistryResolver.Usable> registry) {
    UserDataRenderer.Subject subject = new UserDataRenderer.Subject(token.getMetadata().getNamespace(),
        token.getMetadata().getName(), tokenValue);
    return UserDataRenderer.render(subject, token.getSpec() == null ? null : token.getSpec().getUserData(),
        defaults, registry);
  }
}
