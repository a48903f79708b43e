package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The Table the API server prints for core v1 Events ({@code kubectl get events}): LAST SEEN, TYPE,
 * REASON, OBJECT and MESSAGE, and for {@code -o wide} the subobject, source, first seen, count and
 * name, each cell computed as the API server's Event printer computes it.
 */
final class EventTables implements TablePrinter {

  private static final List<String> WIDE = List.of("Subobject", "Source", "First Seen", "Count", "Name");
  private static final List<String> COLUMNS = List.of("Last Seen", "Type", "Reason", "Object", "Subobject",
      "Source", "Message", "First Seen", "Count", "Name");
  private static final String UNKNOWN = "<unknown>";

  @Override
  public JsonNode table(JsonNode body, Instant now) {
    ArrayNode definitions = TableDocument.JSON.arrayNode();
    COLUMNS.forEach(name -> definitions.add(TableDocument.column(name, name.equals("Count") ? "integer" : "string",
        "", "", WIDE.contains(name) ? 1 : 0)));
    return TableDocument.of(body, definitions, event -> cells(event, now));
  }

  private static ArrayNode cells(JsonNode event, Instant now) {
    String firstSeen = age(event.path("firstTimestamp"), now);
    if (firstSeen.equals(UNKNOWN)) {
      firstSeen = age(event.path("eventTime"), now);
    }
    String lastSeen = age(event.path("series").path("lastObservedTime"), now);
    if (lastSeen.equals(UNKNOWN)) {
      lastSeen = age(event.path("lastTimestamp"), now);
    }
    if (lastSeen.equals(UNKNOWN)) {
      lastSeen = firstSeen;
    }
    JsonNode involved = event.path("involvedObject");
    JsonNode source = event.path("source");
    String host = source.path("host").asText("");
    ArrayNode cells = TableDocument.JSON.arrayNode();
    cells.add(lastSeen);
    cells.add(event.path("type").asText(""));
    cells.add(event.path("reason").asText(""));
    cells.add(involved.path("kind").asText("").toLowerCase(Locale.ROOT) + "/" + involved.path("name").asText(""));
    cells.add(involved.path("fieldPath").asText(""));
    cells.add(source.path("component").asText("") + (host.isEmpty() ? "" : ", " + host));
    cells.add(event.path("message").asText("").trim());
    cells.add(firstSeen);
    cells.add(event.path("series").path("count").asInt(event.path("count").asInt(0)));
    cells.add(event.path("metadata").path("name").asText(""));
    return cells;
  }

  /** The age of a timestamp as the API server prints it, or {@code <unknown>} without one. */
  private static String age(JsonNode timestamp, Instant now) {
    if (!timestamp.isTextual() || timestamp.asText().isEmpty()) {
      return UNKNOWN;
    }
    try {
      return HumanDuration.of(Duration.between(Instant.parse(timestamp.asText()), now));
    } catch (DateTimeParseException e) {
      return UNKNOWN;
    }
  }
}
