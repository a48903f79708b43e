package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the API server answers {@code kubectl get} (which asks for {@code as=Table}) for a custom
 * resource: a {@code meta.k8s.io/v1} Table whose columns are Name and the CRD's
 * {@code additionalPrinterColumns}, each cell computed as the API server computes it (a string column
 * prints its value, a date column the age, a column that finds nothing is empty), and each row
 * carrying the object's metadata. Without it, kubectl shows only NAME and AGE.
 */
final class PrinterTables implements TablePrinter {

  private static final JsonNodeFactory JSON = TableDocument.JSON;
  private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating "
      + "resources, although some resources may allow a client to request the generation of an appropriate name "
      + "automatically. Name is primarily intended for creation idempotence and configuration definition.";

  private final List<CustomResourceColumnDefinition> columns;
  private final List<PrinterColumnPath> paths = new ArrayList<>();

  PrinterTables(List<CustomResourceColumnDefinition> columns) {
    this.columns = List.copyOf(columns);
    columns.forEach(column -> paths.add(PrinterColumnPath.parse(column.getJsonPath())));
  }

  @Override
  public JsonNode table(JsonNode body, Instant now) {
    ArrayNode definitions = JSON.arrayNode();
    definitions.add(TableDocument.column("Name", "string", "name", NAME_DESCRIPTION, 0));
    for (CustomResourceColumnDefinition column : columns) {
      definitions.add(TableDocument.column(column.getName(), column.getType(), column.getFormat(),
          column.getDescription(), column.getPriority()));
    }
    return TableDocument.of(body, definitions, object -> cells(object, now));
  }

  private ArrayNode cells(JsonNode object, Instant now) {
    ArrayNode cells = JSON.arrayNode();
    cells.add(object.path("metadata").path("name").asText());
    for (int i = 0; i < columns.size(); i++) {
      List<JsonNode> found = paths.get(i).find(object);
      cells.add(found.isEmpty() ? JSON.nullNode() : cell(columns.get(i).getType(), found.get(0), now));
    }
    return cells;
  }

  /** A cell as the API server makes it: strings printed (JSON for lists and objects), dates as an age. */
  static JsonNode cell(String type, JsonNode value, Instant now) {
    switch (type == null ? "string" : type) {
      case "date":
        try {
          return JSON.textNode(HumanDuration.of(Duration.between(Instant.parse(value.asText()), now)));
        } catch (DateTimeParseException e) {
          return JSON.nullNode();
        }
      case "integer":
        return value.canConvertToLong() ? JSON.numberNode(value.asLong()) : JSON.nullNode();
      case "number":
        return value.isNumber() ? JSON.numberNode(value.asDouble()) : JSON.nullNode();
      case "boolean":
        return value.isBoolean() ? value : JSON.nullNode();
      default:
        return JSON.textNode(value.isValueNode() ? value.asText() : value.toString());
    }
  }
}
