package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiLocationTest {

  private static final List<String> LOOKED_AT = List.of("/home/ops/.kube/config");

  @TempDir
  Path folder;

  @Test
  @DisplayName("When no kubeconfig was read and the process is not in a pod, then the API is missing, naming "
      + "where a kubeconfig was looked for")
  void missing() {
    assertThat(ApiLocation.missing(new ConfigBuilder().build(), LOOKED_AT, name -> null)).hasValueSatisfying(why ->
        assertThat(why).contains("no kubeconfig at /home/ops/.kube/config", "KUBERNETES_SERVICE_HOST is unset"));
    assertThat(ApiLocation.missing(new ConfigBuilder().build(), LOOKED_AT, name -> null, "export from"))
        .hasValueSatisfying(why -> assertThat(why).startsWith("no Kubernetes API to export from: no kubeconfig"));
  }

  @Test
  @DisplayName("When a kubeconfig was read, or the process runs in a pod, or a master is named, then the API is known")
  void known() throws IOException {
    Path kubeconfig = Files.writeString(folder.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://10.0.0.1:6443"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """);
    Config fromFile = Config.fromKubeconfig(kubeconfig.toFile());
    assertThat(ApiLocation.missing(fromFile, LOOKED_AT, name -> null)).isEmpty();
    assertThat(ApiLocation.missing(new ConfigBuilder().build(), LOOKED_AT,
        Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")::get)).isEmpty();
    assertThat(ApiLocation.missing(new ConfigBuilder().build(), LOOKED_AT,
        Map.of("KUBERNETES_MASTER", "https://10.0.0.1:6443")::get)).isEmpty();
  }
}
