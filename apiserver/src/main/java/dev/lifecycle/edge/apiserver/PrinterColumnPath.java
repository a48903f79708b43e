package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath of a CRD printer column, in the simple form the API server allows there: fields
 * ({@code .status.phase}), an index ({@code .items[0]}) and a filter on a field's value
 * ({@code .status.conditions[?(@.type=="Ready")].status}). Evaluated to the values it finds, in order.
 */
final class PrinterColumnPath {

  private static final Pattern STEP = Pattern.compile(
      "\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");

  private final List<Step> steps;

  private PrinterColumnPath(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException when the path is not of the simple form
   */
  static PrinterColumnPath parse(String path) {
    String text = path.trim();
    if (text.startsWith("{") && text.endsWith("}")) {
      text = text.substring(1, text.length() - 1);
    }
    List<Step> steps = new ArrayList<>();
    Matcher matcher = STEP.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        throw new IllegalArgumentException("not a simple printer-column JSONPath: " + path);
      }
      if (matcher.group(1) != null) {
        steps.add(new Field(matcher.group(1)));
      } else if (matcher.group(2) != null) {
        steps.add(new Index(Integer.parseInt(matcher.group(2))));
      } else {
        steps.add(new Filter(matcher.group(3), matcher.group(4)));
      }
      at = matcher.end();
    }
    return new PrinterColumnPath(steps);
  }

  /** The values the path finds in the object; empty when it finds none. */
  List<JsonNode> find(JsonNode object) {
    List<JsonNode> current = List.of(object);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      current.forEach(node -> step.apply(node, next));
      current = next;
    }
    return current;
  }

  private sealed interface Step permits Field, Index, Filter {
    void apply(JsonNode node, List<JsonNode> found);
  }

  private record Field(String name) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> found) {
      JsonNode value = node.get(name);
      if (value != null && !value.isNull()) {
        found.add(value);
      }
    }
  }

  private record Index(int index) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> found) {
      if (node.isArray() && index < node.size()) {
        found.add(node.get(index));
      }
    }
  }

  private record Filter(String field, String value) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> found) {
      if (node.isArray()) {
        node.forEach(element -> {
          JsonNode compared = element.get(field);
          if (compared != null && compared.isValueNode() && compared.asText().equals(value)) {
            found.add(element);
          }
        });
      }
    }
  }
}
