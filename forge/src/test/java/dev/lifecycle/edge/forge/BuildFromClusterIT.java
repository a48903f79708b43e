package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import io.fabric8.kubernetes.client.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bundle build --namespace NS --profile NAME} reads ClusterProfiles from the cluster of the kubeconfig. */
class BuildFromClusterIT {

  @TempDir
  Path dir;
  EmbeddedKubernetes api;
  int closedPort;

  @BeforeEach
  void start() throws Exception {
    api = EmbeddedKubernetes.start();
    api.createNamespace("fleet");
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String yaml = """
        apiVersion: edge.lifecycle.dev/v1alpha1
        kind: ClusterProfile
        metadata:
          name: store-edge-1.1.0
          namespace: fleet
          labels: {edge.lifecycle.dev/profile: store-edge}
        spec:
          version: 1.1.0
          layers:
            - {name: edge-os, type: os, version: 1.4.0, image: "127.0.0.1:%1$d/edge/os:1.4.0"}
            - name: k3s
              type: kubernetes
              version: 1.30.4
              image: 127.0.0.1:%1$d/edge/k3s:1.30.4
              extraImages: ["127.0.0.1:%1$d/k3s/pause:3.9"]
        """.formatted(closedPort);
    api.client().resource(api.client().getKubernetesSerialization().unmarshal(yaml, ClusterProfile.class)).create();
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, api.writeKubeconfig(dir.resolve("kubeconfig")).toString());
  }

  @AfterEach
  void stop() {
    System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    api.close();
  }

  @Test
  @DisplayName("When profiles are named in a namespace, then they are read from the API in that order; a name the "
      + "namespace lacks is named in the error")
  void readsNamedProfiles() {
    assertThat(ProfileSource.fromCluster(api.client(), "fleet", List.of("store-edge-1.1.0")))
        .extracting(profile -> profile.getSpec().getLayers().get(1).getExtraImages())
        .containsExactly(List.of("127.0.0.1:" + closedPort + "/k3s/pause:3.9"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            ProfileSource.fromCluster(api.client(), "fleet", List.of("store-edge-1.1.0", "kiosk-2.0.0")))
        .hasMessageStartingWith("no ClusterProfile kiosk-2.0.0 in namespace fleet of ");
  }

  @Test
  @DisplayName("When bundle build reads its profile from the cluster and no registry answers, then it fails naming each "
      + "image and its layer, and writes nothing")
  void buildFromCluster() throws Exception {
    Path key = SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("forge")).get(0);
    Path out = dir.resolve("b.tar.zst");
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BundleCommand()).setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()))
        .execute("build", "--namespace", "fleet", "--profile", "store-edge-1.1.0", "--platform", "linux/amd64",
            "--plain-http", "127.0.0.1:" + closedPort, "--sign-key", key.toString(), "--out", out.toString());

    assertThat(exit).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("nothing was written: 3 missing")
        .contains("image 127.0.0.1:" + closedPort + "/edge/os:1.4.0 (layer 'edge-os' in profile store-edge 1.1.0): ")
        .contains("image 127.0.0.1:" + closedPort + "/k3s/pause:3.9 (extraImages of layer 'k3s' in profile store-edge "
            + "1.1.0): ");
    assertThat(out).doesNotExist();

    StringWriter missing = new StringWriter();
    int notThere = new CommandLine(new BundleCommand()).setErr(new PrintWriter(missing, true))
        .execute("build", "--namespace", "fleet", "--profile", "nope-1.0.0", "--platform", "linux/amd64",
            "--sign-key", key.toString(), "--out", out.toString());
    assertThat(notThere).isEqualTo(2);
    assertThat(missing.toString()).contains("no ClusterProfile nope-1.0.0 in namespace fleet");
  }
}
