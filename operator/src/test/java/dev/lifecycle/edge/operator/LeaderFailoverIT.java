package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Leader failover: two replicas with every reconciler against one API, each on its own client. Only the
 * holder of the Lease reconciles (java-operator-sdk's reconcile counter of the other stays at zero); the
 * holder is then stopped abruptly (its client closed: it neither renews nor releases the Lease), and the
 * time until the other leads is measured and printed.
 */
class LeaderFailoverIT {

  private static final String LEASE_NAMESPACE = "edge-system";
  private static final String NAMESPACE = "store";
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY = Duration.ofMillis(500);

  @Test
  @DisplayName("When two replicas run, then exactly one reconciles; when it stops abruptly, then the other leads "
      + "within the lease duration and the renew deadline, and reconciles")
  void followerTakesOverWithinTheLease() {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.createNamespace(LEASE_NAMESPACE);
      api.createNamespace(NAMESPACE);
      KubernetesClient firstClient = api.newClient();
      KubernetesClient secondClient = api.newClient();
      EdgeOperator first = replica(firstClient, "replica-1");
      EdgeOperator second = replica(secondClient, "replica-2");
      try {
        first.start();
        second.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> first.leading() || second.leading());
        EdgeOperator leader = first.leading() ? first : second;
        EdgeOperator follower = leader == first ? second : first;

        RegistrationToken before = api.client().resource(token("before-failover")).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> active(api, before));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
            leader.leading() && !follower.leading() && reconciles(follower) == 0);
        assertThat(reconciles(leader)).as("reconciles of the leader").isPositive();

        long killed = System.nanoTime();
        leader.services().client().close();
        await().atMost(LEASE.plus(RENEW_DEADLINE).multipliedBy(2)).pollInterval(Duration.ofMillis(10))
            .until(follower::leading);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        RegistrationToken after = api.client().resource(token("after-failover")).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> active(api, after));
        Duration reconciling = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf("LeaderFailoverIT: lease %d ms, renew deadline %d ms, retry %d ms: the follower led %d ms "
            + "after the leader was killed, and had reconciled a new token %d ms after%n", LEASE.toMillis(),
            RENEW_DEADLINE.toMillis(), RETRY.toMillis(), takeover.toMillis(), reconciling.toMillis());

        assertThat(takeover).as("takeover").isLessThanOrEqualTo(LEASE.plus(RENEW_DEADLINE));
        assertThat(reconciles(follower)).as("reconciles of the new leader").isPositive();
      } finally {
        first.close();
        second.close();
        firstClient.close();
        secondClient.close();
      }
    }
  }

  /** A replica with every reconciler and short Lease timings, not started. */
  private static EdgeOperator replica(KubernetesClient client, String identity) {
    OperatorSettings settings = OperatorSettings.defaults("http://127.0.0.1:9443").embedded();
    LeaderElection election = LeaderElection.inNamespace(LEASE_NAMESPACE).withIdentity(identity)
        .withTimings(LEASE, RENEW_DEADLINE, RETRY);
    return new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()), Optional.of(election))
        .withAllReconcilers();
  }

  /** Reconciles java-operator-sdk started in this replica, over every controller. */
  private static double reconciles(EdgeOperator replica) {
    List<Counter> counters = List.copyOf(replica.services().meters().find("operator.sdk.reconciliations.started")
        .counters());
    return counters.stream().mapToDouble(Counter::count).sum();
  }

  private static boolean active(EmbeddedKubernetes api, RegistrationToken token) {
    RegistrationToken read = api.client().resource(token).get();
    return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
  }

  private static RegistrationToken token(String name) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    token.setSpec(spec);
    return token;
  }
}
