package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar's definition and keys commands, as a platform team runs them against the kubeconfig's cluster. */
class DefinitionCommandJarIT {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When keys generate, definition export and definition verify run from the jar, then a Ready profile "
      + "of the kubeconfig's cluster is exported, signed, and verified against the public key")
  void exportAndVerify() throws IOException, InterruptedException {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
      api.createNamespace("stores");
      ClusterProfile created = api.client().resource(readyProfile()).create();
      created.setStatus(readyStatus());
      api.client().resource(created).updateStatus();

      Run keys = jar(kubeconfig, "keys", "generate", "--algorithm", "ed25519", "--out", "signing.pem");
      assertThat(keys.exit()).as(keys.output()).isZero();
      Run export = jar(kubeconfig, "definition", "export", "--namespace", "stores", "--profile", "retail-1.5.0",
          "--sign-key", "signing.pem", "--out", "store-edge.definition.tar.zst");
      assertThat(export.exit()).as(export.output()).isZero();
      assertThat(export.output()).contains("signed by key sha256:", "retail-1.5.0  profile retail version 1.5.0");
      Run verify = jar(kubeconfig, "definition", "verify", "--trust", "signing.pub.pem", "--in",
          "store-edge.definition.tar.zst");
      assertThat(verify.exit()).as(verify.output()).isZero();
      assertThat(verify.output()).contains("signed by trusted key sha256:", "retail-1.5.0");

      Run refused = jar(kubeconfig, "definition", "export", "--namespace", "stores", "--profile", "retail-2.0.0",
          "--out", "other.tar.zst");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.output()).contains("ClusterProfile retail-2.0.0 does not exist in namespace stores");
      assertThat(dir.resolve("other.tar.zst")).doesNotExist();
    }
  }

  private static ClusterProfile readyProfile() {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setImage("registry.example.com/edge/os:1.4.0");
    ProfileLayer kubernetes = new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4");
    kubernetes.setImage("registry.example.com/edge/k3s:v1.30.4");
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName("retail-1.5.0").withNamespace("stores")
        .addToLabels("edge.lifecycle.dev/profile", "retail").build());
    profile.setSpec(new ClusterProfileSpec("1.5.0", new ArrayList<>(List.of(os, kubernetes, cni))));
    return profile;
  }

  /** What the operator writes of a valid profile (no operator runs in this test). */
  private static ClusterProfileStatus readyStatus() {
    ClusterProfileStatus status = new ClusterProfileStatus();
    status.setPhase(ClusterProfileStatus.Phase.Ready);
    status.setConditions(new ArrayList<>(List.of(new Condition(ConditionTypes.READY, Condition.TRUE, "Valid",
        "profile retail 1.5.0 with 3 layers"))));
    return status;
  }

  private Run jar(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LauncherJar.java(), "-jar", LauncherJar.path().toString()));
    command.addAll(List.of(args));
    Path output = dir.resolve("output.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    assertThat(exited).as("exited within 2 minutes: %s", Files.readString(output)).isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }

  private record Run(int exit, String output) {
  }
}
