package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** kubectl get against the embedded API shows the CRDs' printer columns, as against a real API server. */
class PrinterTablesIT {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  private static final String NS = "tables";
  private static EmbeddedKubernetes api;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
    api.createNamespace(NS);
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("store-0042-a").withNamespace(NS).build());
    host.setSpec(new EdgeHostSpec("store-0042-0"));
    EdgeHost created = api.client().resource(host).create();
    EdgeHostStatus status = new EdgeHostStatus();
    status.setPhase(EdgeHostStatus.Phase.Running);
    status.setProfileVersion("1.1.0");
    created.setStatus(status);
    api.client().resource(created).updateStatus();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  @DisplayName("When a list of custom resources is asked for as a Table, then the answer has the printer columns and "
      + "a row of cells per object; without as=Table, then it is the plain list")
  void table() throws IOException, InterruptedException {
    JsonNode table = get("/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts", TABLE);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions")).extracting(c -> c.path("name").asText())
        .startsWith("Name", "Phase").contains("Version", "Age");
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("store-0042-a");
    assertThat(cells.get(1).asText()).isEqualTo("Running");
    assertThat(cells.toString()).contains("\"1.1.0\"", "\"store-0042-0\"");

    JsonNode one = get("/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts/store-0042-a", TABLE);
    assertThat(one.path("rows")).hasSize(1);

    JsonNode plain = get("/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts", "application/json");
    assertThat(plain.path("kind").asText()).isNotEqualTo("Table");
    assertThat(plain.path("items").get(0).path("status").path("phase").asText()).isEqualTo("Running");
  }

  @Test
  @DisplayName("When kubectl get runs against the embedded API, then it prints the printer columns' headers and values")
  void kubectlGet(@TempDir Path dir) throws IOException, InterruptedException {
    Path kubectl = Stream.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator))
        .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path output = dir.resolve("get.txt");
    Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig",
        api.writeKubeconfig(dir.resolve("kubeconfig")).toString(), "get", "edgehosts", "-n", NS)
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed.lines().findFirst().orElseThrow()).contains("NAME", "PHASE", "VERSION", "AGE");
    assertThat(printed).containsPattern("store-0042-a +Running +.*1\\.1\\.0");
  }

  private static JsonNode get(String path, String accept) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + path))
        .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Serialization.unmarshal(response.body(), JsonNode.class);
  }
}
