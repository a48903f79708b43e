package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl apply} against the embedded API (the demo's), with the real kubectl (Debian/Ubuntu package
 * {@code kubectl}, or any kubectl on the PATH): a bad resource is refused with what a real API server says, and a
 * good one is stored with its defaults.
 */
@Tag("system")
class KubectlApplyValidationSystemTest {

  private static final String CLUSTER = """
      apiVersion: edge.lifecycle.dev/v1alpha1
      kind: EdgeCluster
      metadata:
        name: store-0042
      spec:
        profileRef:
          name: store-edge-1.0.0
        controlPlane: {}
      """;

  @AutoClose
  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();

  @TempDir
  private Path dir;

  private record Run(int exit, String stdout, String stderr) {
  }

  private Run kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig",
        api.writeKubeconfig(dir.resolve("kubeconfig")).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", List.of(args)).isTrue();
    return new Run(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  private Run apply(String yaml) throws IOException, InterruptedException {
    Path file = Files.writeString(dir.resolve("object.yaml"), yaml);
    return kubectl("apply", "-f", file.toString());
  }

  @Test
  @DisplayName("When kubectl applies a cluster with a negative worker count, then it is refused with the API "
      + "server's message and nothing is stored")
  void badResourceRefused() throws Exception {
    Run applied = apply(CLUSTER + "  workers:\n    count: -1\n");

    assertThat(applied.exit()).isNotZero();
    assertThat(applied.stderr()).contains("The EdgeCluster \"store-0042\" is invalid: spec.workers.count: Invalid "
        + "value: -1: spec.workers.count in body should be greater than or equal to 0");
    Run get = kubectl("get", "edgecluster", "store-0042");
    assertThat(get.exit()).isNotZero();
    assertThat(get.stderr()).contains("NotFound");
  }

  @Test
  @DisplayName("When kubectl applies a cluster with a misspelt field, then it is refused as strict decoding error")
  void unknownFieldRefused() throws Exception {
    Run applied = apply(CLUSTER + "  wokers:\n    count: 2\n");

    assertThat(applied.exit()).isNotZero();
    assertThat(applied.stderr()).contains("strict decoding error: unknown field \"spec.wokers\"");
    assertThat(kubectl("get", "edgecluster", "store-0042").exit()).isNotZero();
  }

  @Test
  @DisplayName("When kubectl applies a good cluster that leaves out defaults, then it is stored with them")
  void goodResourceDefaulted() throws Exception {
    Run applied = apply(CLUSTER);

    assertThat(applied.exit()).as(applied.stderr()).isZero();
    assertThat(applied.stdout()).contains("edgecluster.edge.lifecycle.dev/store-0042 created");
    Run count = kubectl("get", "edgecluster", "store-0042", "-o", "jsonpath={.spec.controlPlane.count}");
    assertThat(count.stdout()).isEqualTo("1");
  }
}
