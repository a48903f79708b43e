package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl apply} against the embedded API (the demo's), with a real kubectl: the one on the PATH, or the one
 * {@code -Dkubectl=PATH} names. CI runs Debian bookworm's (package {@code kubernetes-client}, kubectl 1.20); a
 * newer one works too. A bad resource is refused with what a real API server says, a good one is stored with its
 * defaults, and a misspelt field is refused (kubectl 1.25 and later ask for {@code fieldValidation=Strict}) or
 * dropped with the API server's warning (older kubectl, which asks for nothing).
 *
 * <p>kubectl before 1.25 validates a file itself, against {@code /openapi/v2}, which the embedded API does not
 * serve (it serves v3): without {@code --validate=false} kubectl 1.20 stops at "Error from server (NotFound): the
 * server could not find the requested resource". Those runs pass it, so that what is tested is the API's judgement.
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

  private static final String KUBECTL = System.getProperty("kubectl", "kubectl");

  @AutoClose
  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();

  @TempDir
  private Path dir;

  private record Run(int exit, String stdout, String stderr) {
  }

  private Run kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(KUBECTL, "--kubeconfig",
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
    return sendsFieldValidation() ? kubectl("apply", "-f", file.toString())
        : kubectl("apply", "--validate=false", "-f", file.toString());
  }

  /** Whether this kubectl asks the server to validate fields (1.25 and later), from its client version. */
  private boolean sendsFieldValidation() throws IOException, InterruptedException {
    Run version = kubectl("version", "--client", "-o", "json");
    assertThat(version.exit()).as(version.stderr()).isZero();
    Matcher minor = Pattern.compile("\"minor\":\\s*\"(\\d+)").matcher(version.stdout());
    assertThat(minor.find()).as("kubectl's minor version in %s", version.stdout()).isTrue();
    return Integer.parseInt(minor.group(1)) >= 25;
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
  @DisplayName("When kubectl applies a cluster with a misspelt field, then it is refused as a strict decoding error, "
      + "or, by a kubectl that asks for no field validation, stored without the field and with the API's warning")
  void unknownFieldRefusedOrDropped() throws Exception {
    Run applied = apply(CLUSTER + "  wokers:\n    count: 2\n");

    if (sendsFieldValidation()) {
      assertThat(applied.exit()).isNotZero();
      assertThat(applied.stderr()).contains("strict decoding error: unknown field \"spec.wokers\"");
      assertThat(kubectl("get", "edgecluster", "store-0042").exit()).isNotZero();
    } else {
      assertThat(applied.exit()).as(applied.stderr()).isZero();
      assertThat(applied.stderr()).contains("Warning: unknown field \"spec.wokers\"");
      Run spec = kubectl("get", "edgecluster", "store-0042", "-o", "jsonpath={.spec}");
      assertThat(spec.stdout()).contains("profileRef").doesNotContain("wokers");
    }
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
