package dev.lifecycle.edge.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.status.StatusWriter;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.SimulatedAgents;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The samples a user applies first, with every reconciler running and hosts registering the way the
 * gateway will record them: the token issues its Secret and counts the hosts, the pre-provisioned
 * host and two new ones form the cluster, the profile knows who uses it, and deleting the cluster
 * gives the hosts back.
 */
class SamplesLifecycleIT {

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClassWithAllReconcilers();

  @Test
  @DisplayName("When the samples are applied and three hosts register with the token, then the cluster forms on "
      + "profile 1.0.0, the token counts 3 registrations, and deleting the cluster frees the hosts")
  void samplesFormACluster() throws IOException {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("samples");
    Fixtures.applySamples(client, namespace);
    AgentStatusWriter agent = new AgentStatusWriter(new StatusWriter(client));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace)
          .withName("store-0042").get();
      assertThat(token.getStatus()).isNotNull();
      assertThat(token.getStatus().getPhase()).isEqualTo(RegistrationTokenStatus.Phase.Active);
      assertThat(client.secrets().inNamespace(namespace).withName("store-0042").get()).isNotNull();
    });
    Secret secret = client.secrets().inNamespace(namespace).withName("store-0042").get();
    assertThat(secret.getData()).containsKeys("token", "user-data");

    EdgeHost preProvisioned = client.resources(EdgeHost.class).inNamespace(namespace).withName("store-0042-a").get();
    agent.registered(preProvisioned, "store-0042", "store-0042-0", Fixtures.inventory("store-0042-0"), Instant.now()).orElseThrow();
    for (String name : List.of("store-0042-b", "store-0042-c")) {
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
          .withLabels(Map.of("site", "store-0042")).build());
      host.setSpec(new EdgeHostSpec("machine-" + name));
      agent.registered(client.resource(host).create(), "store-0042", "machine-" + name, Fixtures.inventory(name),
          Instant.now()).orElseThrow();
    }

    try (SimulatedAgents agents = new SimulatedAgents(client, namespace).start()) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").get();
        assertThat(cluster.getStatus()).isNotNull();
        assertThat(cluster.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
        assertThat(cluster.getStatus().getProfileVersion()).isEqualTo("1.0.0");
        assertThat(cluster.getStatus().getControlPlaneReady()).isEqualTo("1/1");
        assertThat(cluster.getStatus().getWorkersReady()).isEqualTo("2/2");
      });
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(client.resources(RegistrationToken.class).inNamespace(namespace).withName("store-0042").get()
            .getStatus().getRegistrations()).isEqualTo(3);
        ClusterProfile profile = client.resources(ClusterProfile.class).inNamespace(namespace)
            .withName("store-edge-1.0.0").get();
        assertThat(profile.getStatus().getPhase()).isEqualTo(ClusterProfileStatus.Phase.Ready);
        assertThat(profile.getStatus().getUsedBy()).containsExactly("store-0042");
        assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
            .allSatisfy(h -> assertThat(h.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Running));
      });

      client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").delete();

      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        assertThat(client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").get()).isNull();
        assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
            .allSatisfy(h -> assertThat(h.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available));
        assertThat(client.resources(ClusterProfile.class).inNamespace(namespace).withName("store-edge-1.0.0").get()
            .getStatus().getUsedBy()).isEmpty();
      });
    }
  }

}
