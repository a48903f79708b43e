package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
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
        .withSecondaryToPrimaryMapper(host -> registeredWith(host)
            .map(name -> Set.of(new ResourceID(name, host.getMetadata().getNamespace())))
            .orElse(Set.of()))
        // A token counts its hosts; only a host's registration (which token) matters, not its reports,
        // plans and heartbeats, which during a rollout are thousands of updates a minute.
        .withOnUpdateFilter((updated, old) -> !registeredWith(updated).equals(registeredWith(old)))
        .build(), context);
    secrets = new TokenSecretStore(services.client(), secretSource, new TokenGenerator(),
        new UserDataDefaults(services.settings().gatewayUrl(), services.settings().gatewayCa(),
            services.settings().agentUrl(), AgentPackaging.shipped()));
    return List.of(secretSource, hosts);
  }

  @Override
  public UpdateControl<RegistrationToken> reconcile(RegistrationToken token, Context<RegistrationToken> context) {
    if (services.unreadable().skip(token)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    SecretOutcome secret = secrets.ensure(token);
    TokenNotices.forSecret(secret).ifPresent(notice -> record(token, notice));

    // Counted from the cache's items, not an index: an index read can miss a host while it is updated.
    String tokenName = token.getMetadata().getName();
    int registeredNow = (int) hosts.list(token.getMetadata().getNamespace(),
        host -> registeredWith(host).filter(tokenName::equals).isPresent()).count();
    RegistrationTokenStatus previous = token.getStatus();
    // Made from the status it replaces: a limited token's count (which the gateway raises) never falls.
    UnaryOperator<RegistrationTokenStatus> desiredFrom = before -> {
      int registrations = RegistrationCount.of(token.getSpec(), before, registeredNow);
      return TokenStatusBuilder.build(new TokenStatusBuilder.Observation(token.getMetadata().getGeneration(), secret,
          Judgement.of(token, registrations, now), registrations), before, now);
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

  private static Optional<String> registeredWith(EdgeHost host) {
    return Optional.ofNullable(host.getStatus())
        .map(status -> status.getRegistration())
        .map(registration -> registration.getTokenName());
  }
}
