package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path with nothing simulated but the machines: the samples applied, the real agent's fleet
 * simulator registering through the gateway over HTTP with the token from the token's Secret, one
 * simulated machine claiming the pre-provisioned host, the cluster forming, and its deletion resetting
 * the hosts, which the agents apply.
 */
class FleetThroughGatewayE2E {

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @Test
  @DisplayName("When three agents register with the sample token, then the pre-provisioned host is claimed, the "
      + "cluster forms through their reports, and deleting it resets the hosts")
  void samplesFormThroughTheGateway() throws IOException {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("e2e");
    Fixtures.applySamples(client, namespace);
    String token = Fixtures.issuedToken(client, namespace, "store-0042");

    try (FleetSimulator fleet = FleetSimulator.builder(URI.create(gateway.url()), token).hosts(3)
        .machineIdPrefix("store-0042").applyTime(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200))
        .build()) {
      fleet.start();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").get();
        assertThat(cluster.getStatus()).isNotNull();
        assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
        assertThat(cluster.getStatus().getProfileVersion()).isEqualTo("1.0.0");
      });
      List<EdgeHost> hosts = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems();
      assertThat(hosts).hasSize(3).extracting(h -> h.getMetadata().getName()).contains("store-0042-a");
      assertThat(hosts).allSatisfy(h -> {
        assertThat(h.getMetadata().getLabels()).containsEntry("site", "store-0042");
        assertThat(h.getStatus().getRegistration().getTokenName()).isEqualTo("store-0042");
        assertThat(h.getStatus().getRegistration().getCredentialHash()).startsWith("sha256:");
        assertThat(h.getStatus().getProfileVersion()).isEqualTo("1.0.0");
      });
      assertThat(client.resources(RegistrationToken.class).inNamespace(namespace).withName("store-0042").get()
          .getStatus().getRegistrations()).isEqualTo(3);

      client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").delete();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()).allSatisfy(h -> {
            assertThat(h.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
            assertThat(h.getStatus().getReport().getPlanGeneration()).isEqualTo(h.getStatus().getPlan().getGeneration());
            assertThat(h.getStatus().getProfileVersion()).as("a reset host runs no version").isNull();
          }));
      assertThat(fleet.counters().refused()).isZero();
    }
  }
}
