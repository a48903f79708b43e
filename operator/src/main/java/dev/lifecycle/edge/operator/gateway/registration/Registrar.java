package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.limits.HeartbeatCoalescer;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.host.JudgedHostWrites;
import dev.lifecycle.edge.operator.host.OperatorSite;
import dev.lifecycle.edge.operator.host.RegistrationInFlight;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a registration: decides it from the caches ({@link RegistrationRules}), then creates or
 * binds the host and records the registration with the hash of a new credential, together with the
 * phase the host reconciler judges from it (so that the reconciler has nothing left to write). Blocking
 * (API calls): runs on a worker thread, never on the event loop.
 *
 * <p>Registrations with the same limited token are serialised, and so are registrations of the same
 * machine id. A machine new to a limited token takes a slot first ({@link TokenSlots}: the token's
 * {@code status.registrations} raised with optimistic locking, and never lowered), judged with the
 * hosts this gateway has just written (the {@link HostDirectory} overlay): a limit of 10 admits exactly
 * 10 machines however many register at once, and across gateway replicas too.
 */
public final class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
  private static final int STRIPES = 256;
  private static final int MAX_SLOT_ATTEMPTS = 20;

  /** A registration carried out: the answer, and what it did to which host. */
  public record Registration(RegisterResponse response, Outcome outcome) {

    /** Whether the host is new (201) or existing (200). */
    public boolean created() {
      return outcome == Outcome.Registered;
    }
  }

  /**
   * What a registration did: created a host, claimed a pre-provisioned one, rotated a host's credential,
   * or answered again a registration carried out before (its answer was lost), changing nothing.
   */
  public enum Outcome {
    Registered, Claimed, Reregistered, Repeated;

    /**
     * The reason of the Event that tells of it (a literal, so the guide's test finds every reason); none for a
     * repeated answer (nothing changed).
     */
    Optional<String> reason() {
      return switch (this) {
        case Registered -> Optional.of("Registered");
        case Claimed -> Optional.of("Claimed");
        case Reregistered -> Optional.of("Reregistered");
        case Repeated -> Optional.empty();
      };
    }
  }

  private final OperatorServices services;
  private final HostDirectory hosts;
  private final HeartbeatCoalescer coalescer;
  private final SecureRandom random = new SecureRandom();
  private final StripedLocks tokenLocks = new StripedLocks(STRIPES);
  private final StripedLocks machineLocks = new StripedLocks(STRIPES);
  private final TokenSlots slots;
  private final JudgedHostWrites judged;

  public Registrar(OperatorServices services, HostDirectory hosts, HeartbeatCoalescer coalescer) {
    this.services = services;
    this.hosts = hosts;
    this.coalescer = coalescer;
    this.slots = new TokenSlots(services.client());
    this.judged = JudgedHostWrites.of(services);
  }

  /**
   * Registers the machine.
   *
   * @param presented the host credential the request carries, if any: a registered host registers
   *     again only with its current one (or a person's allowance)
   */
  public Registration register(RegisterRequest request, RegistrationToken token, Optional<String> presented) {
    String tokenKey = HostDirectory.key(token.getMetadata().getNamespace(), token.getMetadata().getName());
    boolean limited = token.getSpec() != null && token.getSpec().getMaxRegistrations() != null;
    Lock tokenLock = limited ? tokenLocks.forKey(tokenKey) : null;
    Lock machineLock = machineLocks.forKey(request.machineId());
    if (tokenLock != null) {
      tokenLock.lock();
    }
    machineLock.lock();
    try {
      return registerExclusively(request, token, presented);
    } finally {
      machineLock.unlock();
      if (tokenLock != null) {
        tokenLock.unlock();
      }
    }
  }

  private Registration registerExclusively(RegisterRequest request, RegistrationToken token,
      Optional<String> presented) {
    String namespace = token.getMetadata().getNamespace();
    String tokenName = token.getMetadata().getName();
    Instant now = services.clock().instant();
    RegistrationDecision decision = decideTakingSlot(request, token, presented, now);
    EdgeHost host;
    Outcome what;
    if (decision instanceof RegistrationDecision.Refuse refuse) {
      throw refuse.error().exception();
    } else if (decision instanceof RegistrationDecision.Repeat repeat) {
      return repeated(repeat.host(), request, token);
    } else if (decision instanceof RegistrationDecision.Create create) {
      host = create(namespace, create.name(), create.labels(), request);
      what = Outcome.Registered;
    } else if (decision instanceof RegistrationDecision.Claim claim) {
      host = claim.host();
      what = Outcome.Claimed;
    } else {
      host = ((RegistrationDecision.Reregister) decision).host();
      what = Outcome.Reregistered;
    }
    String name = host.getMetadata().getName();
    String credential = request.credentialSecret() != null
        ? HostCredential.of(namespace, name, request.credentialSecret())
        : HostCredential.issue(namespace, name, random);
    // The host reconciler's verdict goes into the same write (its own code, on the same fresh object),
    // so the reconciler finds the host judged and writes nothing: one status write per registration.
    // The Event of the phase transition (Registered for a new host) is recorded with the write.
    EdgeHost written = AgentStatusWriter.registeredAndJudged(judged, host, tokenName, request.machineId(),
            HostCredential.hash(credential), WireToApi.inventory(request.inventory()), now)
        .orElseThrow(() -> ApiError.internal().exception());
    hosts.written(written);
    coalescer.wrote(HostDirectory.key(written), now);
    String message = "machine " + request.machineId() + " registered with token " + tokenName
        + (what == Outcome.Claimed ? ", claiming this pre-provisioned host" : "");
    LOG.info("EdgeHost {}/{}: {}: {}", namespace, name, what, message);
    if (what != Outcome.Registered) {
      // A claim or a credential rotation is news only the gateway knows (a new host's is its phase Event).
      what.reason().ifPresent(reason -> services.events().normal(written, reason, message));
    }
    return new Registration(answer(written, token, credential), what);
  }

  /** The answer given again, with the credential the request's own secret made: nothing is written. */
  private Registration repeated(EdgeHost host, RegisterRequest request, RegistrationToken token) {
    String namespace = host.getMetadata().getNamespace();
    String name = host.getMetadata().getName();
    LOG.info("EdgeHost {}/{}: machine {} sent its registration again (the answer was lost on the way): same "
        + "answer", namespace, name, request.machineId());
    return new Registration(answer(host, token, HostCredential.of(namespace, name, request.credentialSecret())),
        Outcome.Repeated);
  }

  private RegisterResponse answer(EdgeHost host, RegistrationToken token, String credential) {
    // The operator's site layers, as the host's plans carry them, so the agent can apply them before any plan.
    Site site = SiteLayers.orNull(OperatorSite.of(host, token));
    return new RegisterResponse(host.getMetadata().getNamespace(), host.getMetadata().getName(), credential,
        Durations.format(services.settings().heartbeatInterval()), site);
  }

  /**
   * Decides the registration; when it takes a slot of the token, takes it before anything else is
   * written (so a registration that fails later still counts: the limit is never overshot), deciding
   * again when another write changed the token meanwhile.
   */
  private RegistrationDecision decideTakingSlot(RegisterRequest request, RegistrationToken cached,
      Optional<String> presented, Instant now) {
    String namespace = cached.getMetadata().getNamespace();
    // Only a limit needs the count; gathering a large fleet's hosts for every registration would not.
    boolean limited = cached.getSpec() != null && cached.getSpec().getMaxRegistrations() != null;
    RegistrationToken token = limited ? slots.latest(cached) : cached;
    for (int attempt = 1; attempt <= MAX_SLOT_ATTEMPTS; attempt++) {
      Set<String> registered = limited ? hosts.registeredWith(namespace, cached.getMetadata().getName()) : Set.of();
      RegistrationDecision decision = RegistrationRules.decide(new RegistrationRules.Facts(token, request.machineId(),
          request.hostname(), request.labels(), hosts.boundTo(request.machineId()), registered,
          name -> hosts.get(namespace, name).isPresent(),
          host -> presented.map(credential -> HostCredential.proves(credential, Optional.of(host))).orElse(false),
          host -> HostCredential.madeWith(Optional.ofNullable(request.credentialSecret()), host),
          now));
      if (decision.slot().isEmpty()) {
        return decision;
      }
      Optional<RegistrationToken> changed = slots.take(token, decision.slot().getAsInt());
      if (changed.isEmpty()) {
        return decision;
      }
      token = changed.get();
    }
    throw new IllegalStateException("gave up counting a registration with token " + namespace + "/"
        + cached.getMetadata().getName() + " after " + MAX_SLOT_ATTEMPTS + " conflicting writes");
  }

  /** Creates the host; a name taken meanwhile falls back to the machine id's name. */
  private EdgeHost create(String namespace, String name, Map<String, String> labels, RegisterRequest request) {
    EdgeHost host = new EdgeHost();
    Map<String, String> withOrigin = new LinkedHashMap<>(labels);
    withOrigin.put(RegistrationInFlight.CREATED_BY_LABEL, RegistrationInFlight.GATEWAY);
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(withOrigin).build());
    // spec.site stays unset: the spec is the user's, and the agent's site user-data is already the highest
    // layer of its settings (copied into spec.site it would be planned back as the operator's own).
    host.setSpec(new EdgeHostSpec(request.machineId()));
    try {
      EdgeHost created = services.client().resource(host).create();
      hosts.written(created);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      String fallback = HostNaming.fallback(request.machineId());
      if (!name.equals(fallback)) {
        return create(namespace, fallback, labels, request);
      }
      throw ApiError.machineConflict("an EdgeHost named " + name + " already exists in namespace " + namespace
          + " for another machine: delete it, or set its spec.machineId to " + request.machineId()).exception();
    }
  }
}
