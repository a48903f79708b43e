package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom resources' OpenAPI v3 schemas, served as kubectl explain reads them. */
class OpenApiIT {

  private static EmbeddedKubernetes api;
  private static RawHttp http;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
    http = new RawHttp(api.url());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  @DisplayName("When kubectl asks /openapi/v3, then it finds the project's group-version, and behind its URL a "
      + "schema per kind, tagged with its group, version and kind, with every field's description")
  void schemas() {
    JsonNode index = http.getJson("/openapi/v3");
    String url = index.path("paths").path("apis/edge.lifecycle.dev/v1alpha1").path("serverRelativeURL").asText();
    assertThat(url).startsWith("/openapi/v3/apis/edge.lifecycle.dev/v1alpha1?hash=");

    JsonNode document = http.getJson(url);
    assertThat(document.path("paths").path("/apis/edge.lifecycle.dev/v1alpha1/namespaces/{namespace}/edgeclusters")
        .path("get").path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo("EdgeCluster");
    JsonNode schemas = document.path("components").path("schemas");
    assertThat(schemas.fieldNames()).toIterable().containsExactlyInAnyOrder(
        "dev.lifecycle.edge.v1alpha1.ClusterProfile", "dev.lifecycle.edge.v1alpha1.EdgeCluster",
        "dev.lifecycle.edge.v1alpha1.EdgeHost", "dev.lifecycle.edge.v1alpha1.RegistrationToken",
        "dev.lifecycle.edge.v1alpha1.ImageRegistry");
    JsonNode cluster = schemas.path("dev.lifecycle.edge.v1alpha1.EdgeCluster");
    JsonNode gvk = cluster.path("x-kubernetes-group-version-kind").get(0);
    assertThat(gvk.path("group").asText()).isEqualTo("edge.lifecycle.dev");
    assertThat(gvk.path("version").asText()).isEqualTo("v1alpha1");
    assertThat(gvk.path("kind").asText()).isEqualTo("EdgeCluster");
    assertThat(cluster.path("properties").path("spec").path("properties").path("upgradeStrategy")
        .path("properties").path("onFailure").path("description").asText()).contains("Pause", "Rollback");
  }

  @Test
  @DisplayName("When a group-version has no custom resources, then its OpenAPI document is 404")
  void unknownGroupVersion() {
    assertThat(http.get("/openapi/v3/apis/nope.example/v1").statusCode()).isEqualTo(404);
    assertThat(http.get("/openapi/v3/api/v1").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("When kubectl explain is run against the embedded API, then it prints a field's description")
  void kubectlExplain(@TempDir Path dir) throws IOException, InterruptedException {
    Path kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    Path output = dir.resolve("explain.txt");
    Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "explain",
        "edgecluster.spec.upgradeStrategy").redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String explained = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(explained).isZero();
    assertThat(explained).contains("GROUP:      edge.lifecycle.dev", "KIND:       EdgeCluster", "VERSION:    v1alpha1",
        "FIELD: upgradeStrategy", "maxUnavailable", "onFailure", "hostTimeout");
  }

  @Test
  @DisplayName("When kubectl create -f is run with a sample, then kubectl finds the fieldValidation parameter it "
      + "checks for and creates the object")
  void kubectlCreate(@TempDir Path dir) throws IOException, InterruptedException {
    Path kubectl = onPath("kubectl");
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path sample = Path.of("..", "samples", "01-clusterprofile-1.0.0.yaml");
    assertThat(sample).exists();
    Path output = dir.resolve("create.txt");
    Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig",
        api.writeKubeconfig(dir.resolve("kubeconfig")).toString(), "create", "-n", "default", "-f", sample.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed).contains("clusterprofile.edge.lifecycle.dev/store-edge-1.0.0 created");
  }

  private static Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, command)).filter(Files::isExecutable)
        .findFirst().orElse(null);
  }
}
