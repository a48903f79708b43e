package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.cluster.EdgeClusterReconciler;
import dev.lifecycle.edge.operator.host.EdgeHostReconciler;
import dev.lifecycle.edge.operator.profile.ClusterProfileReconciler;
import dev.lifecycle.edge.operator.registry.ImageRegistryReconciler;
import dev.lifecycle.edge.operator.token.RegistrationTokenReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.util.List;
import java.util.function.Function;

/** Every reconciler of the project, one per kind, built from the shared services. */
final class Reconcilers {

  static final List<Function<OperatorServices, Reconciler<? extends HasMetadata>>> ALL = List.of(
      ClusterProfileReconciler::new,
      RegistrationTokenReconciler::new,
      EdgeHostReconciler::new,
      EdgeClusterReconciler::new,
      ImageRegistryReconciler::new);

  private Reconcilers() {
  }
}
