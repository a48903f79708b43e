package dev.lifecycle.edge.site.links;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.OwnedSecrets;
import dev.lifecycle.edge.operator.token.TokenGenerator;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.wire.LinkToken;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Link tokens: a RegistrationToken of the site's namespace with {@code ttl: 2m} and {@code maxRegistrations: 1},
 * labelled {@value #LABEL}, whose Secret (key {@code token}, owned by the token) this class writes itself with a
 * fresh 256-bit value, so the token works without waiting for the operator; the operator adopts that Secret (it
 * keeps the value a Secret it controls holds) and adds the installer user-data. The secret leaves the site only
 * once, in the answer that creates it; lists never show it.
 */
public final class LinkTokens {

  public static final String LABEL = "edge.lifecycle.dev/link";
  public static final String CREATED_BY = "edge.lifecycle.dev/created-by";
  public static final Duration TTL = Duration.ofMinutes(2);
  private static final String NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final KubernetesClient client;
  private final String namespace;
  private final String site;
  private final URI controller;
  private final String fingerprint;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final TokenGenerator generator = new TokenGenerator();

  public LinkTokens(KubernetesClient client, String namespace, String site, URI controller, String fingerprint,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.site = site;
    this.controller = controller;
    this.fingerprint = fingerprint;
    this.clock = clock;
    // Checked now, by LinkToken's own rules, so that a wrong address or fingerprint fails the start, not a link.
    new LinkToken(controller, fingerprint, site, namespace, "check", "check", 1);
  }

  /** A link that is usable now, as the list shows it. */
  public record Link(String name, String createdBy, Instant createdAt, Instant expiresAt) {
  }

  /** A link just made, with its text (which carries the secret). */
  public record Created(Link link, LinkToken token) {
  }

  public Created create(String createdBy) {
    String name = "link-" + randomSuffix();
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl(TTL.toMinutes() + "m");
    spec.setMaxRegistrations(1);
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
        .withLabels(Map.of(LABEL, "true")).withAnnotations(Map.of(CREATED_BY, createdBy)).build());
    token.setSpec(spec);
    RegistrationToken created = client.resource(token).create();
    String value = generator.next();
    Secret secret = new SecretBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(Map.of(TokenSecrets.MANAGED_BY_LABEL, TokenSecrets.MANAGED_BY))
        .withOwnerReferences(OwnedSecrets.controllerReference(created)).endMetadata()
        .withType(TokenSecrets.TYPE)
        .withData(Map.of(TokenSecrets.TOKEN_KEY, OwnedSecrets.encode(value)))
        .build();
    try {
      client.resource(secret).create();
    } catch (RuntimeException e) {
      client.resource(created).delete();
      throw e;
    }
    Instant createdAt = createdAt(created);
    Instant expiresAt = createdAt.plus(TTL);
    return new Created(new Link(name, createdBy, createdAt, expiresAt),
        new LinkToken(controller, fingerprint, site, namespace, name, value, expiresAt.getEpochSecond()));
  }

  /** The links that can still link a host: not expired, not revoked, not used. Oldest first. */
  public List<Link> usable() {
    Instant now = clock.instant();
    return client.resources(RegistrationToken.class).inNamespace(namespace).withLabel(LABEL, "true").list()
        .getItems().stream()
        .filter(token -> unusable(token, now).isEmpty())
        .map(LinkTokens::link)
        .sorted(Comparator.comparing(Link::createdAt).thenComparing(Link::name))
        .toList();
  }

  /** Revokes a usable link; a 404 for a name that is no link, a 409 for one that can no longer link a host. */
  public Link revoke(String name) {
    RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
    if (token == null || token.getMetadata().getLabels() == null
        || !"true".equals(token.getMetadata().getLabels().get(LABEL))) {
      throw ApiProblem.notFound("there is no link token named " + name);
    }
    Optional<String> unusable = unusable(token, clock.instant());
    if (unusable.isPresent()) {
      throw ApiProblem.conflict("the link token " + name + " " + unusable.get() + "; there is nothing to revoke");
    }
    client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).edit(t -> {
      t.getSpec().setRevoked(true);
      return t;
    });
    return link(token);
  }

  private static Optional<String> unusable(RegistrationToken token, Instant now) {
    if (token.getSpec() != null && token.getSpec().isRevoked()) {
      return Optional.of("is already revoked");
    }
    if (!now.isBefore(createdAt(token).plus(TTL))) {
      return Optional.of("has already expired");
    }
    RegistrationTokenStatus status = token.getStatus();
    if (status != null && status.getRegistrations() != null && status.getRegistrations() >= 1) {
      return Optional.of("has already linked a host");
    }
    if (status != null && status.getPhase() != null && status.getPhase() != RegistrationTokenStatus.Phase.Active) {
      return Optional.of("is " + status.getPhase());
    }
    return Optional.empty();
  }

  private static Link link(RegistrationToken token) {
    Instant createdAt = createdAt(token);
    Map<String, String> annotations = token.getMetadata().getAnnotations();
    return new Link(token.getMetadata().getName(), annotations == null ? null : annotations.get(CREATED_BY),
        createdAt, createdAt.plus(TTL));
  }

  private static Instant createdAt(RegistrationToken token) {
    String stamp = token.getMetadata().getCreationTimestamp();
    try {
      return stamp == null ? Instant.EPOCH : Instant.parse(stamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
