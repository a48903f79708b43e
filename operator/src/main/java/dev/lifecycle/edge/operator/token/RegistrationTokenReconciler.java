package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.ObjectNameReference;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.operator.registry.RegistryReasons;
import dev.lifecycle.edge.operator.registry.RegistryResolver;
import dev.lifecycle.edge.operator.registry.RegistrySecrets;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import dev.lifecycle.edge.operator.token.TokenNotices.Notice;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a RegistrationToken's Secret (token and installer user-data) in place and its status true:
 * phase, registrations, expiry, conditions. Reconciles when the token, its Secret, or a host
 * registered with it changes, and once more at the expiry instant (a scheduled reconcile, not a
 * polling loop).
 */
@ControllerConfiguration(name = "registrationtoken")
public class RegistrationTokenReconciler implements Reconciler<RegistrationToken> {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationTokenReconciler.class);

  /** Index of the EdgeHost cache: {@code namespace/tokenName} of the token each host registered with. */
  /** How often a token whose Secret name is taken looks again: the Secret outside the operator's watch. */
  static final Duration CONFLICT_RECHECK = Duration.ofMinutes(1);

  private final OperatorServices services;
  private final ErrorStatus errors;
  private InformerEventSource<EdgeHost, RegistrationToken> hosts;
  private InformerEventSource<ImageRegistry, RegistrationToken> registries;
  private InformerEventSource<Secret, RegistrationToken> registrySecrets;
  private TokenSecretStore secrets;

  public RegistrationTokenReconciler(OperatorServices services) {
    this.services = services;
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  @Override
  public List<EventSource<?, RegistrationToken>> prepareEventSources(EventSourceContext<RegistrationToken> context) {
    InformerEventSource<Secret, RegistrationToken> secretSource = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, RegistrationToken.class)
            .withLabelSelector(TokenSecrets.SELECTOR)
            .build(), context);
    hosts = new InformerEventSource<>(InformerEventSourceConfiguration.from(EdgeHost.class, RegistrationToken.class)
        // The token, not the whole host: at 10,000 hosts every cache of the fleet costs tens of MiB.
        .withItemStore(new TransformingItemStore<>(RegisteredHosts::slim))
        .withSecondaryToPrimaryMapper(host -> RegisteredHosts.tokenOf(host)
            .map(name -> Set.of(new ResourceID(name, host.getMetadata().getNamespace())))
            .orElse(Set.of()))
        // A token counts its hosts; only a host's registration (which token) matters, not its reports,
        // plans and heartbeats, which during a rollout are thousands of updates a minute.
        .withOnUpdateFilter((updated, old) -> !RegisteredHosts.tokenOf(updated).equals(RegisteredHosts.tokenOf(old)))
        .build(), context);
    secrets = new TokenSecretStore(services.client(), secretSource, new TokenGenerator(),
        new UserDataDefaults(services.settings().gatewayUrl(), services.settings().gatewayCa(),
            services.settings().agentUrl(), AgentPackaging.shipped()));
    // The ImageRegistries tokens name, and the labelled Secrets those read: a change re-renders the user-data.
    registries = new InformerEventSource<>(InformerEventSourceConfiguration.from(ImageRegistry.class,
            RegistrationToken.class)
        .withSecondaryToPrimaryMapper(registry -> tokensNaming(registry.getMetadata().getNamespace(),
            Set.of(registry.getMetadata().getName()), context))
        .build(), context);
    registrySecrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class,
            RegistrationToken.class)
        .withName("token-registry-secrets")
        .withLabelSelector(VariableSecrets.LABEL)
        .withSecondaryToPrimaryMapper(secret -> tokensNaming(secret.getMetadata().getNamespace(),
            registries.list(secret.getMetadata().getNamespace(),
                r -> RegistrySecrets.names(r).contains(secret.getMetadata().getName()))
                .map(r -> r.getMetadata().getName()).collect(Collectors.toSet()), context))
        .build(), context);
    return List.of(secretSource, hosts, registries, registrySecrets);
  }

  /** The tokens of the namespace whose spec.userData.registryRef names one of the registries. */
  private static Set<ResourceID> tokensNaming(String namespace, Set<String> registryNames,
      EventSourceContext<RegistrationToken> context) {
    if (registryNames.isEmpty()) {
      return Set.of();
    }
    return context.getPrimaryCache().list(namespace)
        .filter(t -> registryName(t).filter(registryNames::contains).isPresent())
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static Optional<String> registryName(RegistrationToken token) {
    return Optional.ofNullable(token.getSpec()).map(RegistrationTokenSpec::getUserData)
        .map(InstallerUserData::getRegistryRef).map(ObjectNameReference::getName);
  }

  /** The token's ImageRegistry judged with the Secrets it names, when its user-data names one. */
  private Optional<RegistryResolver.Outcome> registry(RegistrationToken token) {
    String namespace = token.getMetadata().getNamespace();
    return registryName(token).map(name -> registries.get(new ResourceID(name, namespace))
        .map(registry -> RegistryResolver.resolve(registry,
            secret -> registrySecrets.get(new ResourceID(secret, namespace)),
            secret -> Optional.ofNullable(services.client().secrets().inNamespace(namespace).withName(secret).get())))
        .orElseGet(() -> new RegistryResolver.Refused(RegistryReasons.NOT_FOUND, "ImageRegistry " + name
            + " (spec.userData.registryRef) does not exist in namespace " + namespace)));
  }

  @Override
  public UpdateControl<RegistrationToken> reconcile(RegistrationToken token, Context<RegistrationToken> context) {
    if (services.unreadable().skip(token)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    Optional<RegistryResolver.Outcome> registry = registry(token);
    SecretOutcome secret = secrets.ensure(token, registry);
    TokenNotices.forSecret(secret).ifPresent(notice -> record(token, notice));

    // Counted from the cache's items, not an index: an index read can miss a host while it is updated.
    String tokenName = token.getMetadata().getName();
    int registeredNow = (int) hosts.list(token.getMetadata().getNamespace(),
        host -> RegisteredHosts.tokenOf(host).filter(tokenName::equals).isPresent()).count();
    RegistrationTokenStatus previous = token.getStatus();
    // Made from the status it replaces: a limited token's count (which the gateway raises) never falls.
    UnaryOperator<RegistrationTokenStatus> desiredFrom = before -> {
      int registrations = RegistrationCount.of(token.getSpec(), before, registeredNow);
      return TokenStatusBuilder.build(new TokenStatusBuilder.Observation(token.getMetadata().getGeneration(), secret,
          Judgement.of(token, registrations, now), registrations,
          registry.filter(RegistryResolver.Refused.class::isInstance).map(RegistryResolver.Refused.class::cast)),
          before, now);
    };
    RegistrationTokenStatus desired = desiredFrom.apply(previous);
    if (PrimaryStatus.writeIfChangedFrom(token, desiredFrom, context)) {
      TokenNotices.forStatus(previous, desired).forEach(notice -> record(token, notice));
    }
    Judgement judgement = Judgement.of(token, desired.getRegistrations(), now);
    return next(secret, judgement, now)
        .map(delay -> UpdateControl.<RegistrationToken>noUpdate().rescheduleAfter(delay))
        .orElseGet(UpdateControl::noUpdate);
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<RegistrationToken> updateErrorStatus(RegistrationToken token,
      Context<RegistrationToken> context, Exception e) {
    return errors.report(token, context, e, RegistrationTokenStatus::new);
  }

  /** The next reconcile without an event: at the expiry instant, or a bounded recheck of a taken Secret name. */
  private static Optional<Duration> next(SecretOutcome secret, Judgement judgement, Instant now) {
    Optional<Duration> untilChange = judgement.recheckAt()
        // A millisecond past the instant, so the verdict has changed when the timer fires.
        .map(at -> Duration.between(now, at).plusMillis(1))
        .map(delay -> delay.isNegative() ? Duration.ZERO : delay);
    if (secret.available()) {
      return untilChange;
    }
    return Optional.of(untilChange.filter(delay -> delay.compareTo(CONFLICT_RECHECK) < 0).orElse(CONFLICT_RECHECK));
  }

  /** Logs the transition and records it as an Event; neither ever carries the token value. */
  private void record(RegistrationToken token, Notice notice) {
    LOG.info("RegistrationToken {}/{}: {}: {}", token.getMetadata().getNamespace(), token.getMetadata().getName(),
        notice.reason(), notice.message());
    services.events().record(token, notice.warning(), notice.reason(), notice.message());
  }
}
