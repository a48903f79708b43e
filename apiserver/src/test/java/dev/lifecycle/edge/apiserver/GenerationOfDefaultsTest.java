package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GenerationOfDefaultsTest {

  private static ObjectNode object(String json) {
    return (ObjectNode) Serialization.unmarshal(json, com.fasterxml.jackson.databind.JsonNode.class);
  }

  @Test
  @DisplayName("When the stored spec equals the old one (the request only left out defaults), then the generation "
      + "stays")
  void sameSpecKeepsGeneration() {
    ObjectNode old = object("{\"metadata\":{\"generation\":3},\"spec\":{\"count\":1},\"status\":{\"a\":1}}");
    ObjectNode stored = object("{\"metadata\":{\"generation\":4},\"spec\":{\"count\":1},\"status\":{\"a\":2}}");

    GenerationOfDefaults.keep(old, stored);

    assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(3);
  }

  @Test
  @DisplayName("When the spec changed, then the store's new generation is kept; on create there is nothing to keep")
  void changedSpecBumps() {
    ObjectNode old = object("{\"metadata\":{\"generation\":3},\"spec\":{\"count\":1}}");
    ObjectNode stored = object("{\"metadata\":{\"generation\":4},\"spec\":{\"count\":2}}");

    GenerationOfDefaults.keep(old, stored);
    assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(4);

    ObjectNode created = object("{\"metadata\":{\"generation\":1},\"spec\":{\"count\":2}}");
    GenerationOfDefaults.keep(null, created);
    assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
  }
}
