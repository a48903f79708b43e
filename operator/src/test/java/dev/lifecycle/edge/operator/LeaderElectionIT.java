package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.profile.ClusterProfileReconciler;
import dev.lifecycle.edge.operator.token.RegistrationTokenReconciler;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code run --leader-election}: of two replicas, only the holder of the Lease reconciles; the other
 * takes over once the holder stops. The replicas run different reconcilers, so that a reconciled token
 * can only have been reconciled by the second one.
 */
class LeaderElectionIT {

  private static final String LEASE_NAMESPACE = "edge-system";
  private static final String NAMESPACE = "store";

  @Test
  @DisplayName("When a second replica starts while the first holds the Lease, then it does not reconcile; when the "
      + "first stops, then the second takes the Lease and reconciles")
  void secondReplicaWaitsThenTakesOver() {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.createNamespace(LEASE_NAMESPACE);
      api.createNamespace(NAMESPACE);
      KubernetesClient firstClient = api.newClient();
      KubernetesClient secondClient = api.newClient();
      EdgeOperator first = replica(firstClient, "replica-1");
      EdgeOperator second = replica(secondClient, "replica-2");
      try {
        first.register(new ClusterProfileReconciler(first.services()));
        second.register(new RegistrationTokenReconciler(second.services()));
        first.start();
        await().atMost(Duration.ofSeconds(20)).until(first::leading);
        second.start();

        RegistrationToken token = api.client().resource(token()).create();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
            !second.leading() && api.client().resource(token).get().getStatus() == null);
        assertThat(holder(api)).isEqualTo("replica-1");

        first.close();
        await().atMost(Duration.ofSeconds(30)).until(second::leading);
        assertThat(holder(api)).isEqualTo("replica-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
          RegistrationToken read = api.client().resource(token).get();
          return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
        });
      } finally {
        first.close();
        second.close();
        firstClient.close();
        secondClient.close();
      }
    }
  }

  /** A replica with short Lease timings (4 s lease, 3 s renew deadline, 500 ms retry), not started. */
  private static EdgeOperator replica(KubernetesClient client, String identity) {
    OperatorSettings settings = OperatorSettings.defaults("http://127.0.0.1:9443").embedded();
    LeaderElection election = LeaderElection.inNamespace(LEASE_NAMESPACE).withIdentity(identity)
        .withTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500));
    return new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()), Optional.of(election));
  }

  private static String holder(EmbeddedKubernetes api) {
    Lease lease = api.client().leases().inNamespace(LEASE_NAMESPACE).withName(LeaderElection.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static RegistrationToken token() {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("store-0042").withNamespace(NAMESPACE).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    token.setSpec(spec);
    return token;
  }
}
