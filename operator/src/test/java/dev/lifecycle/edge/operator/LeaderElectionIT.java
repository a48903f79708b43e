package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.host.HostLiveness;
import dev.lifecycle.edge.operator.profile.ClusterProfileReconciler;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.token.RegistrationTokenReconciler;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code run --leader-election}: of two replicas, each on its own client against one embedded API, only the
 * holder of the Lease reconciles; the other takes over once the holder stops, gracefully or abruptly.
 */
class LeaderElectionIT {

  private static final String LEASE_NAMESPACE = "edge-system";
  private static final String NAMESPACE = "store";
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();
  private final Replica first = new Replica(api, "replica-1");
  private final Replica second = new Replica(api, "replica-2");

  @BeforeEach
  void namespaces() {
    api.createNamespace(LEASE_NAMESPACE);
    api.createNamespace(NAMESPACE);
  }

  /** The replicas before the API they talk to. */
  @AfterEach
  void close() {
    first.close();
    second.close();
    api.close();
  }

  @Test
  @DisplayName("When a second replica starts while the first holds the Lease, then it does not reconcile; when the "
      + "first stops, then the second takes the Lease and reconciles")
  void secondReplicaWaitsThenTakesOver() {
    // Different reconcilers, so that a reconciled token can only have been reconciled by the second replica.
    first.operator.register(new ClusterProfileReconciler(first.operator.services()));
    second.operator.register(new RegistrationTokenReconciler(second.operator.services()));
    first.operator.start();
    await().atMost(Duration.ofSeconds(20)).until(first.operator::leading);
    second.operator.start();

    RegistrationToken token = api.client().resource(Fixtures.token(NAMESPACE, "store-0042", "24h")).create();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
        !second.operator.leading() && api.client().resource(token).get().getStatus() == null);
    assertThat(holder()).isEqualTo("replica-1");
    assertThat(first.operator.services().liveness().judging()).as("the leader judges hosts").isTrue();
    assertThat(second.operator.services().liveness().judging()).as("a follower writes what its gateway hears")
        .isFalse();

    Instant handedOver = Instant.now();
    first.operator.close();
    await().atMost(Duration.ofSeconds(30)).until(second.operator::leading);
    assertThat(holder()).isEqualTo("replica-2");
    assertThat(first.operator.services().liveness().judging()).isFalse();
    HostLiveness taken = second.operator.services().liveness();
    assertThat(taken.judging()).isTrue();
    EdgeHost neverHeard = new EdgeHost();
    neverHeard.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName("h-1").build());
    assertThat(taken.heardSince(neverHeard)).as("the grace period counts from the takeover")
        .isAfterOrEqualTo(handedOver);
    await().atMost(Duration.ofSeconds(20)).until(() -> Fixtures.active(api.client(), token));
  }

  @Test
  @DisplayName("When two replicas with every reconciler run, then exactly one reconciles; when it is killed (its "
      + "client closed, the Lease neither renewed nor released), then the other leads within the lease duration "
      + "and the renew deadline, and reconciles")
  void followerTakesOverFromAKilledLeader() {
    first.operator.withAllReconcilers().start();
    second.operator.withAllReconcilers().start();
    await().atMost(Duration.ofSeconds(20)).until(() -> first.operator.leading() || second.operator.leading());
    Replica leader = first.operator.leading() ? first : second;
    Replica follower = leader == first ? second : first;

    RegistrationToken before = api.client().resource(Fixtures.token(NAMESPACE, "before", "24h")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.active(api.client(), before));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
        leader.operator.leading() && !follower.operator.leading() && follower.reconciles() == 0);
    assertThat(leader.reconciles()).as("reconciles of the leader").isPositive();

    long killed = System.nanoTime();
    leader.client.close();
    await().atMost(LEASE.plus(RENEW_DEADLINE).multipliedBy(2)).pollInterval(Duration.ofMillis(10))
        .until(follower.operator::leading);
    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
    RegistrationToken after = api.client().resource(Fixtures.token(NAMESPACE, "after", "24h")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.active(api.client(), after));
    Duration reconciled = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf("LeaderElectionIT: lease %d ms, renew deadline %d ms, retry %d ms: the follower led %d ms after "
        + "the leader was killed, and had reconciled a new token %d ms after%n", LEASE.toMillis(),
        RENEW_DEADLINE.toMillis(), RETRY.toMillis(), takeover.toMillis(), reconciled.toMillis());

    assertThat(takeover).as("takeover").isLessThanOrEqualTo(LEASE.plus(RENEW_DEADLINE));
    assertThat(follower.reconciles()).as("reconciles of the new leader").isPositive();
  }

  private String holder() {
    Lease lease = api.client().leases().inNamespace(LEASE_NAMESPACE).withName(LeaderElection.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** A replica on its own client, with short Lease timings, not started; closing it stops it and its client. */
  private static final class Replica implements AutoCloseable {

    private final KubernetesClient client;
    private final EdgeOperator operator;

    Replica(EmbeddedKubernetes api, String identity) {
      client = api.newClient();
      OperatorSettings settings = OperatorSettings.defaults("http://127.0.0.1:9443").embedded();
      LeaderElection election = LeaderElection.inNamespace(LEASE_NAMESPACE).withIdentity(identity)
          .withTimings(LEASE, RENEW_DEADLINE, RETRY);
      operator = new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()), Optional.of(election));
    }

    /** Reconciles java-operator-sdk started in this replica, over every controller. */
    double reconciles() {
      return operator.services().meters().find("operator.sdk.reconciliations.started").counters().stream()
          .mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
      operator.close();
      client.close();
    }
  }
}
