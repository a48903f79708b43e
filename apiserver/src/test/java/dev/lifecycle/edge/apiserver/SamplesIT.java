package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SamplesIT {

  private static final String NS = "samples";
  private static EmbeddedKubernetes api;
  private static KubernetesClient client;

  @BeforeAll
  static void startAndApplySamples() throws IOException {
    api = EmbeddedKubernetes.start();
    client = api.client();
    api.createNamespace(NS);
    for (Path sample : samples()) {
      try (InputStream in = Files.newInputStream(sample)) {
        List<HasMetadata> created = client.load(in).inNamespace(NS).create();
        assertThat(created).as(sample.toString()).hasSize(1);
      }
    }
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  @DisplayName("When the samples are created, then both profile versions read back typed with their layers")
  void profiles() {
    List<ClusterProfile> profiles = client.resources(ClusterProfile.class).inNamespace(NS).list().getItems();

    assertThat(profiles).extracting(p -> p.getSpec().getVersion()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
    ClusterProfile v110 = client.resources(ClusterProfile.class).inNamespace(NS).withName("store-edge-1.1.0").get();
    assertThat(v110.getMetadata().getLabels()).containsEntry("edge.lifecycle.dev/profile", "store-edge");
    assertThat(v110.getSpec().getLayers()).extracting(l -> l.getName())
        .containsExactly("edge-os", "k3s", "cilium", "node-monitoring");
    assertThat(v110.getSpec().getLayers().get(1).getVersion()).isEqualTo("1.31.1");
    assertThat(v110.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  @DisplayName("When the samples are created, then the token reads back typed with its limits and user data")
  void token() {
    RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(NS).withName("store-0042").get();

    assertThat(token.getSpec().getMaxRegistrations()).isEqualTo(10);
    assertThat(token.getSpec().getTtl()).isEqualTo("168h");
    assertThat(token.getSpec().getHostLabels()).containsEntry("site", "store-0042");
    assertThat(token.getSpec().getUserData()).isNotNull();
  }

  @Test
  @DisplayName("When the samples are created, then the pre-provisioned host reads back typed with its site")
  void host() {
    EdgeHost host = client.resources(EdgeHost.class).inNamespace(NS).withName("store-0042-a").get();

    assertThat(host.getSpec().getMachineId()).isEqualTo("store-0042-0");
    assertThat(host.getSpec().getSite().getHostname()).isEqualTo("store-0042-a");
    assertThat(host.getSpec().getSite().getNetwork().getInterfaceName()).isEqualTo("eth0");
    assertThat(host.getSpec().getSite().getNetwork().getAddresses()).containsExactly("192.168.42.10/24");
    assertThat(host.getMetadata().getNamespace()).isEqualTo(NS);
  }

  @Test
  @DisplayName("When the samples are created, then the cluster reads back typed with its profile and host counts")
  void cluster() {
    EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(NS).withName("store-0042").get();

    assertThat(cluster.getSpec().getProfileRef().getName()).isEqualTo("store-edge-1.0.0");
    assertThat(cluster.getSpec().getControlPlane().getCount()).isEqualTo(1);
    assertThat(cluster.getSpec().getWorkers().getCount()).isEqualTo(2);
    assertThat(cluster.getSpec().getUpgradeStrategy().getHostTimeout()).isEqualTo("10m");
  }

  @Test
  @DisplayName("When the samples are created, then kubectl's category list (every kind of category edge) finds all six")
  void categoryEdgeListsEverything() {
    long total = DiscoveryDocuments.of(CrdInstaller.load()).resources("edge.lifecycle.dev", "v1alpha1").orElseThrow()
        .getResources().stream()
        .filter(r -> r.getCategories() != null && r.getCategories().contains("edge"))
        .mapToLong(r -> client.genericKubernetesResources("edge.lifecycle.dev/v1alpha1", r.getKind())
            .inNamespace(NS).list().getItems().size())
        .sum();

    assertThat(total).isEqualTo(6);
  }
}
