package dev.lifecycle.edge.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.cluster.EdgeClusterReconciler;
import dev.lifecycle.edge.operator.host.EdgeHostReconciler;
import dev.lifecycle.edge.operator.profile.ClusterProfileReconciler;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.token.RegistrationTokenReconciler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every reconciler's error path: each kind's own reconciler, made to throw, leaves the object saying
 * so in its status (Ready Unknown, Reconciling True, {@code RetryingAfterError} with what failed) and
 * records a Warning Event.
 */
class ErrorStatusIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String FAILURE = "induced failure";
  @AutoClose
  private static final OperatorHarness HARNESS = OperatorHarness.start();
  private final KubernetesClient client = HARNESS.client();
  private final String namespace = HARNESS.newNamespace("errors");

  @AfterEach
  void stopOperator() {
    HARNESS.stopOperator();
  }

  private static <P extends HasMetadata> UpdateControl<P> fail() {
    throw new IllegalStateException(FAILURE);
  }

  private void start(Function<OperatorServices, Reconciler<? extends HasMetadata>> failing) {
    HARNESS.startOperator(List.of(failing));
  }

  private <S extends ReconciledStatus, R extends CustomResource<?, S>> void assertFailureShown(Class<R> kind,
      String name) {
    ReconciledStatus status = await().atMost(WAIT).until(
        () -> {
          R read = client.resources(kind).inNamespace(namespace).withName(name).get();
          return read.getStatus();
        },
        s -> s != null && s.condition(ConditionTypes.RECONCILING).map(Condition::isTrue).orElse(false));
    Condition ready = status.condition(ConditionTypes.READY).orElseThrow();
    Condition reconciling = status.condition(ConditionTypes.RECONCILING).orElseThrow();
    assertThat(ready.getStatus()).as("never judged: Ready Unknown").isEqualTo(ConditionStatus.Unknown);
    assertThat(reconciling.getReason()).isEqualTo("RetryingAfterError");
    assertThat(reconciling.getMessage()).contains("IllegalStateException: " + FAILURE);
    assertThat(status.condition(ConditionTypes.STALLED).orElseThrow().getStatus()).isEqualTo(ConditionStatus.False);

    Event event = await().atMost(WAIT).until(() -> client.v1().events().inNamespace(namespace).list().getItems()
            .stream().filter(e -> name.equals(e.getInvolvedObject().getName())).findFirst().orElse(null),
        e -> e != null);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo("RetryingAfterError");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo(HasMetadata.getKind(kind));
    assertThat(event.getMessage()).contains(FAILURE);
  }

  @Test
  @DisplayName("When the ClusterProfile reconcile throws, then the profile's status and a Warning Event say so")
  void profile() {
    start(services -> new ClusterProfileReconciler(services) {
      @Override
      public UpdateControl<ClusterProfile> reconcile(ClusterProfile profile, Context<ClusterProfile> context) {
        return fail();
      }
    });
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0")).create();

    assertFailureShown(ClusterProfile.class, "edge-1.0.0");
  }

  @Test
  @DisplayName("When the RegistrationToken reconcile throws, then the token's status and a Warning Event say so")
  void token() {
    start(services -> new RegistrationTokenReconciler(services) {
      @Override
      public UpdateControl<RegistrationToken> reconcile(RegistrationToken token,
          Context<RegistrationToken> context) {
        return fail();
      }
    });
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("fleet").withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    token.setSpec(spec);
    client.resource(token).create();

    assertFailureShown(RegistrationToken.class, "fleet");
  }

  @Test
  @DisplayName("When the EdgeHost reconcile throws, then the host's status and a Warning Event say so")
  void host() {
    start(services -> new EdgeHostReconciler(services) {
      @Override
      public UpdateControl<EdgeHost> reconcile(EdgeHost host, Context<EdgeHost> context) {
        return fail();
      }
    });
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("host-a").withNamespace(namespace).build());
    host.setSpec(new EdgeHostSpec("machine-a"));
    client.resource(host).create();

    assertFailureShown(EdgeHost.class, "host-a");
  }

  @Test
  @DisplayName("When the EdgeCluster reconcile throws, then the cluster's status and a Warning Event say so")
  void cluster() {
    start(services -> new EdgeClusterReconciler(services) {
      @Override
      public UpdateControl<EdgeCluster> reconcile(EdgeCluster cluster, Context<EdgeCluster> context) {
        return fail();
      }
    });
    client.resource(Fixtures.cluster(namespace, "store", "edge-1.0.0", 1, 0)).create();

    assertFailureShown(EdgeCluster.class, "store");
  }
}
