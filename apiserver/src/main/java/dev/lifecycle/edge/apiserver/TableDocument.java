package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * A {@code meta.k8s.io/v1} Table as the API server answers {@code kubectl get}: the column definitions,
 * one row per object (one object, or each of a list's items) with its cells and its metadata as a
 * {@code PartialObjectMetadata}, and the list's resourceVersion.
 */
final class TableDocument {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TableDocument() {
  }

  /** The Table of {@code body} with these columns, each row's cells computed by {@code cells}. */
  static ObjectNode of(JsonNode body, ArrayNode columnDefinitions, Function<JsonNode, ArrayNode> cells) {
    ObjectNode table = JSON.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    JsonNode resourceVersion = body.path("metadata").path("resourceVersion");
    if (body.has("items") && resourceVersion.isTextual()) {
      metadata.put("resourceVersion", resourceVersion.asText());
    }
    table.set("columnDefinitions", columnDefinitions);
    ArrayNode rows = table.putArray("rows");
    if (body.has("items")) {
      body.path("items").forEach(item -> rows.add(row(item, cells)));
    } else {
      rows.add(row(body, cells));
    }
    return table;
  }

  static ObjectNode column(String name, String type, String format, String description, Integer priority) {
    return JSON.objectNode().put("name", name).put("type", type).put("format", format == null ? "" : format)
        .put("description", description == null ? "" : description).put("priority", priority == null ? 0 : priority);
  }

  private static ObjectNode row(JsonNode object, Function<JsonNode, ArrayNode> cells) {
    ObjectNode row = JSON.objectNode();
    row.set("cells", cells.apply(object));
    ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
        .put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", object.path("metadata").deepCopy());
    return row;
  }
}
