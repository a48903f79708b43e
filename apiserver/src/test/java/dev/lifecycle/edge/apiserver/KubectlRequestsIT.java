package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The requests kubectl sends for the README's walk-through, sent as kubectl sends them (headers
 * included, plain HTTP/1.1, no fabric8 client in between), and what kubectl needs in the answers.
 */
class KubectlRequestsIT {

  /** kubectl's typed clients send protobuf for built-in kinds and accept it first. */
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  private static final String PROTOBUF_ACCEPT = PROTOBUF + ", */*";
  /** What kubectl get (and get -w) accepts. */
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  private static final String NS = EmbeddedKubernetes.DEFAULT_NAMESPACE;

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AutoClose
  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();

  @Test
  @DisplayName("When a client that prefers HTTP/2 asks over plain HTTP, then the API stays on HTTP/1.1 (no h2c "
      + "upgrade), as kube-apiserver does")
  void noCleartextHttp2() throws Exception {
    HttpClient preferringHttp2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer = preferringHttp2.send(HttpRequest.newBuilder(uri("/api/v1/namespaces")).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  @DisplayName("When kubectl create namespace and create secret send protobuf, then the API answers 415 with a "
      + "Status at once, and the JSON kubectl sends next is created")
  void protobufWritesAreRefusedSoKubectlRetriesAsJson() throws Exception {
    byte[] protobuf = {'k', '8', 's', 0, 0x0a, 0x0f, 0x0a, 0x02, 'v', '1', 0x12, 0x09, 'N', 'a', 'm', 'e', 's', 'p',
        'a', 'c', 'e'};
    for (String path : List.of("/api/v1/namespaces", "/api/v1/namespaces/" + NS + "/secrets")) {
      HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(path))
          .header("Content-Type", PROTOBUF).header("Accept", PROTOBUF_ACCEPT)
          .POST(HttpRequest.BodyPublishers.ofByteArray(protobuf)));
      assertThat(refused.statusCode()).as(path).isEqualTo(415);
      JsonNode status = Serialization.unmarshal(refused.body(), JsonNode.class);
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("reason").asText()).isEqualTo("UnsupportedMediaType");
    }

    HttpResponse<String> namespace = send(HttpRequest.newBuilder(uri("/api/v1/namespaces"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"sites\"}}")));
    HttpResponse<String> secret = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/" + NS + "/secrets"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
            + "\"metadata\":{\"name\":\"registry\"},\"stringData\":{\"token\":\"t\"}}")));
    assertThat(namespace.statusCode()).isEqualTo(201);
    assertThat(secret.statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("When kubectl get events asks for a Table, then each Event is a row of LAST SEEN, TYPE, REASON, "
      + "OBJECT and MESSAGE, as the API server prints them")
  void eventsAreATableOfTheirColumns() throws Exception {
    recordEvent("formation.1", "Normal", "FormationComplete", "all 3 hosts Running");

    JsonNode table = getJson("/api/v1/namespaces/" + NS + "/events", TABLE);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    List<String> shown = new ArrayList<>();
    table.path("columnDefinitions").forEach(column -> {
      if (column.path("priority").asInt() == 0) {
        shown.add(column.path("name").asText());
      }
    });
    assertThat(shown).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).endsWith("s");
    assertThat(cells.get(1).asText()).isEqualTo("Normal");
    assertThat(cells.get(2).asText()).isEqualTo("FormationComplete");
    assertThat(cells.get(3).asText()).isEqualTo("edgecluster/north");
    assertThat(cells.get(6).asText()).isEqualTo("all 3 hosts Running");
  }

  @Test
  @DisplayName("When kubectl events lists core Events in chunks (limit=500), protobuf first in its Accept, then it "
      + "gets the Events the operator wrote")
  void kubectlEventsFindsTheCoreEvents() throws Exception {
    recordEvent("formation.1", "Normal", "FormationComplete", "all 3 hosts Running");
    recordEvent("upgrade.1", "Warning", "BatchFailed", "host-2 failed");

    JsonNode list = getJson("/api/v1/namespaces/" + NS + "/events?limit=500", PROTOBUF + ", application/json");

    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    List<String> reasons = new ArrayList<>();
    list.path("items").forEach(item -> reasons.add(item.path("reason").asText()));
    assertThat(reasons).containsExactlyInAnyOrder("FormationComplete", "BatchFailed");
  }

  @Test
  @DisplayName("When kubectl get -w watches over plain HTTP and asks for Tables, then the API streams each change "
      + "as a watch event of a one-row Table, from the listed resourceVersion on")
  void getWatchStreamsTableEventsOverHttp() throws Exception {
    host("listed");
    JsonNode listed = getJson("/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts", TABLE);
    String resourceVersion = listed.path("metadata").path("resourceVersion").asText();
    assertThat(resourceVersion).isNotEmpty();

    HttpResponse<InputStream> watch = HTTP.send(HttpRequest.newBuilder(uri("/apis/edge.lifecycle.dev/v1alpha1/"
        + "namespaces/" + NS + "/edgehosts?resourceVersion=" + resourceVersion + "&watch=true"))
        .header("Accept", TABLE).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      host("second");
      JsonNode event = Serialization.unmarshal(
          CompletableFuture.supplyAsync(() -> readLine(lines)).get(10, TimeUnit.SECONDS), JsonNode.class);
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      JsonNode table = event.path("object");
      assertThat(table.path("kind").asText()).isEqualTo("Table");
      assertThat(table.path("rows")).hasSize(1);
      assertThat(table.path("rows").get(0).path("cells").get(0).asText())
          .as("the first event is the change after the list, not the listed host again").isEqualTo("second");
    }
  }

  private void host(String name) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    host.setSpec(new EdgeHostSpec("m-" + name));
    api.client().resource(host).create();
  }

  private void recordEvent(String name, String type, String reason, String message) {
    String now = Instant.now().minusSeconds(5).toString();
    api.client().v1().events().inNamespace(NS).resource(new EventBuilder()
        .withNewMetadata().withName("north." + name).withNamespace(NS).endMetadata()
        .withNewInvolvedObject().withApiVersion("edge.lifecycle.dev/v1alpha1").withKind("EdgeCluster")
        .withName("north").withNamespace(NS).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(now).withLastTimestamp(now)
        .withNewSource().withComponent("edge-operator").endSource()
        .build()).create();
  }

  private static String readLine(BufferedReader lines) {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode getJson(String path, String accept) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Serialization.unmarshal(response.body(), JsonNode.class);
  }

  private URI uri(String path) {
    return URI.create(api.url() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
