package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListKindsTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "/api/v1/namespaces/ns/events,  Event",
      "/api/v1/events,                Event",
      "/api/v1/namespaces,            Namespace",
      "/api/v1/namespaces/ns/secrets, Secret",
      "/api/v1/namespaces/ns,         ''",
      "/api/v1/namespaces/ns/secrets/s, ''",
      "/apis/edge.lifecycle.dev/v1alpha1/edgehosts, ''"})
  @DisplayName("When a path lists core objects, then its kind is known; an object or another group's list is not "
      + "renamed")
  void coreKinds(String path, String kind) {
    assertThat(ListKinds.coreKind(path)).isEqualTo(kind.isEmpty() ? Optional.empty() : Optional.of(kind));
  }

  @Test
  @DisplayName("When the store answers a core list as List, then it is named by its kind and keeps its items")
  void namesTheList() {
    MockResponse stored = new MockResponse().setResponseCode(200)
        .setBody("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"kind\":\"Event\"}],\"metadata\":{}}");

    MockResponse named = ListKinds.named("/api/v1/namespaces/ns/events", stored);

    JsonNode list = Serialization.unmarshal(new String(named.getBody().getBytes(), StandardCharsets.UTF_8),
        JsonNode.class);
    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    assertThat(list.path("items")).hasSize(1);
  }
}
