package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** operator/Dockerfile and the chart's pod agree: user, jar, ports, command line. */
class OperatorImageTest {

  private static List<String> dockerfile;
  private static final RenderedChart CHART = HelmChart.withDefaults().render();

  @BeforeAll
  static void read() throws IOException {
    dockerfile = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  @Test
  @DisplayName("When the chart runs the image, then the image's USER is the pod's runAsUser and runAsGroup, "
      + "not root")
  void userMatchesThePod() {
    PodSecurityContext pod = CHART.deployment().getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(instruction("USER")).contains(pod.getRunAsUser() + ":" + pod.getRunAsGroup());
    assertThat(pod.getRunAsUser()).isNotZero();
  }

  @Test
  @DisplayName("When the image is built, then it copies the jar the build makes (target/edge-operator.jar) and "
      + "runs it, and the chart's args (run ...) replace only the default CMD")
  void runsTheBuiltJar() {
    String copy = instruction("COPY").orElseThrow();
    assertThat(copy).startsWith("target/edge-operator.jar ");
    String jarInImage = copy.substring(copy.indexOf(' ') + 1).strip();
    assertThat(instruction("ENTRYPOINT")).hasValueSatisfying(entrypoint ->
        assertThat(entrypoint).startsWith("[\"java\"").endsWith("\"-jar\", \"" + jarInImage + "\"]"));
    assertThat(instruction("CMD")).contains("[\"run\"]");
    assertThat(CHART.operatorContainer().getCommand()).as("the chart keeps the image's ENTRYPOINT").isNullOrEmpty();
    assertThat(CHART.args().get(0)).isEqualTo("run");
    assertThat(instruction("FROM")).hasValueSatisfying(from -> assertThat(from).startsWith("eclipse-temurin:25-"));
  }

  @Test
  @DisplayName("When the image documents its ports, then they are the container ports the chart declares")
  void portsMatch() {
    List<Integer> exposed = Arrays.stream(instruction("EXPOSE").orElseThrow().split("\\s+"))
        .map(Integer::valueOf).toList();
    assertThat(CHART.operatorContainer().getPorts()).extracting(ContainerPort::getContainerPort)
        .containsExactlyInAnyOrderElementsOf(exposed);
  }

  private static Optional<String> instruction(String name) {
    return dockerfile.stream().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length())
        .strip()).findFirst();
  }
}
