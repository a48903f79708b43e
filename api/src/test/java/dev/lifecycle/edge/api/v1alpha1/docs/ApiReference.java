package dev.lifecycle.edge.api.v1alpha1.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.CrdFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders docs/api-reference.md from the published CRDs: for every kind its names, printer columns and
 * object rules, then one table per object level of spec and status (every field with its type, whether it
 * is required, its default, its description and its constraints), and the CEL rules with the messages
 * the API server answers with. Pure: the same CRDs give the same text.
 */
public final class ApiReference {

  private static final YAMLMapper YAML = new YAMLMapper();

  private ApiReference() {
  }

  public static Path file() {
    return Path.of("..", "docs", "api-reference.md");
  }

  /** The reference for the CRDs as the build renders them (file name to YAML text, in kind order). */
  public static String render(Map<String, String> crdFiles) {
    List<JsonNode> crds = new ArrayList<>();
    for (String text : crdFiles.values()) {
      try {
        crds.add(YAML.readTree(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("<!-- Generated from the CRDs in crds/ by ApiReference (api/src/test). Do not edit: change the classes in\n")
        .append("     api/ and run mvn -B -Pupdate-crds -pl api -am verify, which rewrites the CRDs and this file. -->\n")
        .append("# API reference: ").append(ApiGroup.GROUP).append('/').append(ApiGroup.VERSION).append("\n\n")
        .append("Every field of the five kinds, as the CRDs in `crds/` define them: its type, whether it is required,\n")
        .append("its default (filled in by the API server), what it means, and what the API server refuses, with the\n")
        .append("message it answers. `kubectl explain <kind>.<field>` shows the same descriptions on a cluster.\n")
        .append("Users write `spec`; the operator writes `status` (a subresource: `kubectl apply` never changes it).\n\n")
        .append("| Kind | Short name | Its spec |\n|---|---|---|\n");
    for (JsonNode crd : crds) {
      JsonNode names = crd.path("spec").path("names");
      String kind = names.path("kind").asText();
      md.append("| [").append(kind).append("](#").append(anchor(kind)).append(") | `")
          .append(names.path("shortNames").path(0).asText()).append("` | ")
          .append(cell(root(crd).path("properties").path("spec").path("description").asText())).append(" |\n");
    }
    md.append("\nAll five are namespaced and in the category `").append(ApiGroup.CATEGORY)
        .append("`: `kubectl get edge` lists them together.\n")
        .append("In the tables, a type that is an object links to the table of its fields; `[]` in a path marks a list.\n");
    for (JsonNode crd : crds) {
      kind(md, crd);
    }
    return md.toString();
  }

  private static void kind(StringBuilder md, JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText();
    JsonNode version = spec.path("versions").path(0);
    JsonNode root = root(crd);
    md.append("\n<a id=\"").append(anchor(kind)).append("\"></a>\n## ").append(kind).append("\n\n")
        .append("| | |\n|---|---|\n")
        .append("| API version | `").append(spec.path("group").asText()).append('/').append(version.path("name").asText())
        .append("` |\n")
        .append("| Scope | ").append(spec.path("scope").asText()).append(" |\n")
        .append("| Plural, singular | `").append(names.path("plural").asText()).append("`, `")
        .append(names.path("singular").asText()).append("` |\n")
        .append("| Short names | ").append(codes(names.path("shortNames"))).append(" |\n")
        .append("| Categories | ").append(codes(names.path("categories"))).append(" |\n")
        .append("| Subresources | ").append(codes(fieldNames(version.path("subresources")))).append(" |\n")
        .append("| Required | ").append(codes(root.path("required"))).append(" |\n");

    md.append("\nColumns of `kubectl get ").append(names.path("shortNames").path(0).asText())
        .append("` (and `-o wide`):\n\n| Column | Value | Type | Shown |\n|---|---|---|---|\n");
    for (JsonNode column : version.path("additionalPrinterColumns")) {
      md.append("| ").append(column.path("name").asText()).append(" | `").append(escape(column.path("jsonPath").asText()))
          .append("` | ").append(column.path("type").asText()).append(" | ")
          .append(column.path("priority").asInt() == 0 ? "always" : "with `-o wide`").append(" |\n");
    }
    if (root.has("x-kubernetes-validations")) {
      md.append("\nRules on the whole object:\n\n");
      rules(md, "", root.path("x-kubernetes-validations"));
    }
    for (String top : List.of("spec", "status")) {
      JsonNode schema = root.path("properties").path(top);
      if (!schema.isMissingNode()) {
        object(md, kind, top, schema);
      }
    }
  }

  /** One object level: its description, its fields, its rules, then the levels below it. */
  private static void object(StringBuilder md, String kind, String path, JsonNode schema) {
    JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
    md.append("\n<a id=\"").append(anchor(kind + "-" + path)).append("\"></a>\n### ").append(kind).append(" `")
        .append(path).append("`\n\n");
    String description = schema.path("description").asText();
    if (!description.isBlank()) {
      md.append(html(description.strip())).append("\n\n");
    }
    List<String> required = texts(object.path("required"));
    md.append("| Field | Type | Required | Default | Description |\n|---|---|---|---|---|\n");
    List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
    List<String> ruleLines = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : fields(object.path("properties"))) {
      String name = field.getKey();
      JsonNode fieldSchema = field.getValue();
      String childPath = path + "." + name + (fieldSchema.path("type").asText().equals("array") ? "[]" : "");
      boolean hasTable = hasProperties(fieldSchema);
      md.append("| `").append(name).append("` | ").append(type(kind, childPath, fieldSchema, hasTable)).append(" | ")
          .append(required.contains(name) ? "yes" : "").append(" | ")
          .append(fieldSchema.has("default") ? "`" + escape(scalar(fieldSchema.path("default"))) + "`" : "")
          .append(" | ").append(cell(fieldSchema.path("description").asText()))
          .append(constraints(fieldSchema)).append(" |\n");
      if (hasTable) {
        nested.add(Map.entry(childPath, fieldSchema));
      }
      collectRules(ruleLines, name, fieldSchema);
    }
    if (object.has("x-kubernetes-validations") || !ruleLines.isEmpty()) {
      md.append("\nRules (CEL, checked by the API server; the message is what `kubectl apply` prints):\n\n");
      rules(md, "", object.path("x-kubernetes-validations"));
      ruleLines.forEach(md::append);
    }
    for (Map.Entry<String, JsonNode> child : nested) {
      object(md, kind, child.getKey(), child.getValue());
    }
  }

  private static void collectRules(List<String> lines, String name, JsonNode schema) {
    StringBuilder md = new StringBuilder();
    rules(md, name, schema.path("x-kubernetes-validations"));
    JsonNode items = schema.path("items");
    if (!hasProperties(schema)) {
      rules(md, name + "[]", items.path("x-kubernetes-validations"));
    }
    rules(md, name + "{}", schema.path("additionalProperties").path("x-kubernetes-validations"));
    if (!md.isEmpty()) {
      lines.add(md.toString());
    }
  }

  private static void rules(StringBuilder md, String field, JsonNode validations) {
    for (JsonNode rule : validations) {
      md.append("- ").append(field.isEmpty() ? "this object" : "`" + field + "`").append(": ")
          .append(html(rule.path("message").asText().strip())).append(" (rule `")
          .append(rule.path("rule").asText().replace('\n', ' ')).append("`)\n");
    }
  }

  private static String type(String kind, String path, JsonNode schema, boolean hasTable) {
    String link = "[object](#" + anchor(kind + "-" + path) + ")";
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return "integer or string";
    }
    switch (schema.path("type").asText()) {
      case "array":
        JsonNode items = schema.path("items");
        return "list of " + (hasTable ? link : type(kind, path, items, false));
      case "object":
        if (hasTable) {
          return link;
        }
        if (schema.has("additionalProperties")) {
          return "map of string to " + schema.path("additionalProperties").path("type").asText();
        }
        return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean() ? "object (free-form)" : "object";
      default:
        String format = schema.path("format").asText();
        return schema.path("type").asText() + (format.isEmpty() ? "" : " (" + format + ")");
    }
  }

  /** The limits the schema puts on a field, as a sentence appended to its description. */
  private static String constraints(JsonNode schema) {
    List<String> parts = new ArrayList<>();
    if (schema.has("enum")) {
      parts.add("One of " + codes(schema.path("enum")) + ".");
    }
    range(parts, "Length", schema, "minLength", "maxLength");
    range(parts, "Value", schema, "minimum", "maximum");
    range(parts, "Items", schema, "minItems", "maxItems");
    range(parts, "Entries", schema, "minProperties", "maxProperties");
    if (schema.has("pattern")) {
      parts.add("Pattern `" + escape(schema.path("pattern").asText()) + "`.");
    }
    JsonNode items = schema.path("items");
    if (!hasProperties(schema) && items.isObject()) {
      if (items.has("enum")) {
        parts.add("Each one of " + codes(items.path("enum")) + ".");
      }
      range(parts, "Each item's length", items, "minLength", "maxLength");
    }
    JsonNode values = schema.path("additionalProperties");
    if (values.isObject()) {
      range(parts, "Each value's length", values, "minLength", "maxLength");
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      parts.add("Any fields are kept as given.");
    }
    return parts.isEmpty() ? "" : "<br>" + String.join(" ", parts);
  }

  private static void range(List<String> parts, String what, JsonNode schema, String min, String max) {
    boolean hasMin = schema.has(min);
    boolean hasMax = schema.has(max);
    if (hasMin && hasMax) {
      parts.add(what + " " + number(schema.path(min)) + " to " + number(schema.path(max)) + ".");
    } else if (hasMin) {
      parts.add(what + " at least " + number(schema.path(min)) + ".");
    } else if (hasMax) {
      parts.add(what + " at most " + number(schema.path(max)) + ".");
    }
  }

  private static String number(JsonNode node) {
    return new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
  }

  private static String scalar(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static boolean hasProperties(JsonNode schema) {
    JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
    return object.path("properties").size() > 0;
  }

  private static JsonNode root(JsonNode crd) {
    return crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode properties) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> iterator = properties.fields();
    iterator.forEachRemaining(fields::add);
    return fields;
  }

  private static JsonNode fieldNames(JsonNode object) {
    return YAML.valueToTree(fields(object).stream().map(Map.Entry::getKey).toList());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static String codes(JsonNode array) {
    return texts(array).stream().map(t -> "`" + t + "`").collect(Collectors.joining(", "));
  }

  /** A markdown table cell: one line, pipes and angle brackets escaped. */
  private static String cell(String text) {
    return escape(html(text.strip().replaceAll("\\s*\\n\\s*", " ")));
  }

  /** Prose as markdown shows it: a {@code <profile>} would otherwise vanish as an HTML tag. */
  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }

  /** The id of a section, such as edgecluster-spec-upgradestrategy. */
  public static String anchor(String text) {
    return text.toLowerCase(Locale.ROOT).replace("[]", "").replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
  }

  /** Rewrites the committed reference from the CRDs the build renders. */
  public static void publish() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), render(CrdFiles.render()));
  }
}
