package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrinterTablesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:10:00Z");
  private final PrinterTables tables = new PrinterTables(List.of(
      column("Phase", "string", ".status.phase", 0),
      column("Registrations", "integer", ".status.registrations", 0),
      column("Used By", "string", ".status.usedBy", 1),
      column("Age", "date", ".metadata.creationTimestamp", 0)));

  @Test
  @DisplayName("When a list is tabled, then Name comes first, then the printer columns, a row per item with its "
      + "cells and metadata")
  void list() {
    JsonNode list = Serialization.unmarshal("""
        {"kind": "RegistrationTokenList", "metadata": {"resourceVersion": "42"}, "items": [
          {"metadata": {"name": "a", "namespace": "ns", "creationTimestamp": "2026-11-24T12:05:00Z"},
           "status": {"phase": "Active", "registrations": 3, "usedBy": ["c1", "c2"]}},
          {"metadata": {"name": "b", "namespace": "ns", "creationTimestamp": "2026-11-24T12:09:30Z"}}]}
        """, JsonNode.class);

    JsonNode table = tables.table(list, NOW);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    assertThat(table.path("columnDefinitions")).extracting(c -> c.path("name").asText())
        .containsExactly("Name", "Phase", "Registrations", "Used By", "Age");
    assertThat(table.path("columnDefinitions").get(3).path("priority").asInt()).isEqualTo(1);
    assertThat(table.path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"a\",\"Active\",3,\"[\\\"c1\\\",\\\"c2\\\"]\",\"5m\"]");
    assertThat(table.path("rows").get(1).path("cells").toString()).isEqualTo("[\"b\",null,null,null,\"30s\"]");
    assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText()).isEqualTo("ns");
  }

  @Test
  @DisplayName("When one object is tabled, then the table has one row")
  void oneObject() {
    JsonNode object = Serialization.unmarshal("{\"metadata\": {\"name\": \"a\"}, \"status\": {\"phase\": \"Active\"}}",
        JsonNode.class);

    JsonNode table = tables.table(object, NOW);

    assertThat(table.path("rows")).hasSize(1);
    assertThat(table.path("rows").get(0).path("cells").get(1).asText()).isEqualTo("Active");
  }

  private static CustomResourceColumnDefinition column(String name, String type, String path, int priority) {
    return new CustomResourceColumnDefinitionBuilder().withName(name).withType(type).withJsonPath(path)
        .withPriority(priority).build();
  }
}
