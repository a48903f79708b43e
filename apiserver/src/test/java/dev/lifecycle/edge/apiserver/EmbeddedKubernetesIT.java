package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKubernetesIT {

  @Test
  @DisplayName("When a kubeconfig is written, then a client built from it reaches the embedded API")
  void kubeconfigReachesTheApi(@TempDir Path dir) throws IOException {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      Path file = api.writeKubeconfig(dir.resolve("kube").resolve("config"));

      String yaml = Files.readString(file);
      assertThat(yaml).contains("server: \"" + api.url() + "\"").contains("current-context: \"edge-embedded\"");
      Config config = Config.fromKubeconfig(yaml);
      assertThat(config.getMasterUrl()).startsWith(api.url());
      assertThat(config.getNamespace()).isEqualTo("default");
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThat(client.namespaces().withName("default").get()).isNotNull();
        assertThat(client.getApiGroups().getGroups()).extracting(g -> g.getName()).contains("edge.lifecycle.dev");
      }
    }
  }

  @Test
  @DisplayName("When the API is started on a given port, then it listens there and its URL says so")
  void givenPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start(port)) {
      assertThat(api.port()).isEqualTo(port);
      assertThat(api.url()).isEqualTo("http://127.0.0.1:" + port);
      assertThat(new RawHttp(api.url()).getJson("/version").path("gitVersion").asText()).isEqualTo("v1.31.0");
    }
  }

  @Test
  @DisplayName("When the port is taken, then start fails with a message naming the port, and close is idempotent")
  void portTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedKubernetes.start(port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(String.valueOf(port));
    }
    EmbeddedKubernetes api = EmbeddedKubernetes.start();
    api.close();
    api.close();
  }
}
