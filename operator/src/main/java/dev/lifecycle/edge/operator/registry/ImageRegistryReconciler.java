package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistryStatus;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges each ImageRegistry with the Secrets it names (Ready, or Invalid with the Stalled reason), so a user sees a
 * broken registry on the registry itself, before any cluster stalls on it. It reconciles when the registry or one of
 * its labelled Secrets changes. It writes only status; the credentials are never in it.
 */
@ControllerConfiguration(name = "imageregistry")
public class ImageRegistryReconciler implements Reconciler<ImageRegistry> {

  private final OperatorServices services;
  private final ErrorStatus errors;
  private InformerEventSource<Secret, ImageRegistry> secrets;

  public ImageRegistryReconciler(OperatorServices services) {
    this.services = services;
    this.errors = new ErrorStatus(services.events(), services.clock());
  }

  @Override
  public List<EventSource<?, ImageRegistry>> prepareEventSources(EventSourceContext<ImageRegistry> context) {
    secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, ImageRegistry.class)
        .withName("registry-secrets")
        .withLabelSelector(VariableSecrets.LABEL)
        .withSecondaryToPrimaryMapper(secret -> registriesReading(secret, context))
        .build(), context);
    return List.of(secrets);
  }

  private static Set<ResourceID> registriesReading(Secret secret, EventSourceContext<ImageRegistry> context) {
    String name = secret.getMetadata().getName();
    return context.getPrimaryCache().list(secret.getMetadata().getNamespace())
        .filter(r -> RegistrySecrets.names(r).contains(name))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<ImageRegistry> reconcile(ImageRegistry registry, Context<ImageRegistry> context) {
    if (services.unreadable().skip(registry)) {
      return UpdateControl.noUpdate();
    }
    String namespace = registry.getMetadata().getNamespace();
    RegistryResolver.Outcome outcome = RegistryResolver.resolve(registry,
        name -> secrets.get(new ResourceID(name, namespace)),
        name -> Optional.ofNullable(services.client().secrets().inNamespace(namespace).withName(name).get()));
    ImageRegistryStatus previous = registry.getStatus();
    ImageRegistryStatus desired = RegistryStatusBuilder.build(registry, outcome, services.clock().instant());
    if (PrimaryStatus.writeIfChanged(registry, desired, context) && outcome instanceof RegistryResolver.Refused refused
        && !refused.reason().equals(stalledReason(previous))) {
      services.events().record(registry, true, refused.reason(), refused.message());
    }
    return UpdateControl.noUpdate();
  }

  /** The reason the registry was Stalled for, if it was. */
  private static String stalledReason(ImageRegistryStatus status) {
    return status == null ? null : status.condition(ConditionTypes.STALLED)
        .filter(c -> c.getStatus() == ConditionStatus.True).map(Condition::getReason).orElse(null);
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<ImageRegistry> updateErrorStatus(ImageRegistry registry,
      Context<ImageRegistry> context, Exception e) {
    return errors.report(registry, context, e, ImageRegistryStatus::new);
  }
}
