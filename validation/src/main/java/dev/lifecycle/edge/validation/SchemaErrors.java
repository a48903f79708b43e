package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON Schema library's findings worded as kube-apiserver words its OpenAPI schema errors (kube-openapi's
 * messages, turned into field errors as apiextensions-apiserver turns them): a missing field is
 * {@code spec.profileRef: Required value}, a bound {@code spec.workers.count: Invalid value: -1:
 * spec.workers.count in body should be greater than or equal to 0}, an enum {@code Unsupported value} with the
 * supported values.
 */
final class SchemaErrors {

  private SchemaErrors() {
  }

  static List<FieldError> of(List<ValidationMessage> messages) {
    // An int-or-string value of another type fails both branches of its anyOf: the API server reports it once.
    Map<String, List<String>> anyOfTypes = new LinkedHashMap<>();
    Map<String, JsonNode> anyOfValues = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (ValidationMessage message : messages) {
      String field = field(message.getInstanceLocation().toString());
      boolean insideAnyOf = message.getEvaluationPath().toString().contains("anyOf");
      if (message.getType().equals("anyOf") || insideAnyOf && message.getType().equals("type")) {
        List<String> types = anyOfTypes.computeIfAbsent(field, f -> new ArrayList<>());
        if (message.getType().equals("type")) {
          types.add(typeNames(limit(message)));
        }
        anyOfValues.put(field, message.getInstanceNode());
      } else if (!insideAnyOf) {
        errors.add(of(message, field));
      }
    }
    anyOfTypes.forEach((field, types) -> {
      String actual = typeOf(anyOfValues.get(field));
      errors.add(new FieldError(FieldError.Type.TYPE_INVALID, field, actual, (field == null ? "" : field)
          + " in body must be of type " + String.join(",", types.isEmpty() ? List.of("integer", "string") : types)
          + ": " + FieldError.quote(actual)));
    });
    return errors;
  }

  private static FieldError of(ValidationMessage message, String field) {
    JsonNode value = message.getInstanceNode();
    JsonNode limit = limit(message);
    String in = (field == null ? "" : field) + " in body";
    return switch (message.getType()) {
      case "required" -> new FieldError(FieldError.Type.REQUIRED, child(field, message.getProperty()), null, "");
      case "type" -> new FieldError(FieldError.Type.TYPE_INVALID, field, typeOf(value),
          in + " must be of type " + typeNames(limit) + ": " + FieldError.quote(typeOf(value)));
      case "enum" -> new FieldError(FieldError.Type.NOT_SUPPORTED, field, value, supported(limit));
      case "minimum" -> new FieldError(FieldError.Type.INVALID, field, value,
          in + " should be greater than or equal to " + number(limit));
      case "maximum" -> new FieldError(FieldError.Type.INVALID, field, value,
          in + " should be less than or equal to " + number(limit));
      case "minLength" -> new FieldError(FieldError.Type.INVALID, field, value,
          in + " should be at least " + number(limit) + " chars long");
      case "maxLength" -> new FieldError(FieldError.Type.TOO_LONG, field, value,
          "may not be longer than " + number(limit));
      case "minItems" -> new FieldError(FieldError.Type.INVALID, field, (long) value.size(),
          in + " should have at least " + number(limit) + " items");
      case "maxItems", "maxProperties" -> new FieldError(FieldError.Type.TOO_MANY, field, (long) value.size(),
          "must have at most " + number(limit) + " items");
      case "minProperties" -> new FieldError(FieldError.Type.INVALID, field, (long) value.size(),
          in + " should have at least " + number(limit) + " properties");
      case "pattern" -> new FieldError(FieldError.Type.INVALID, field, value,
          in + " should match '" + limit.asText() + "'");
      case "uniqueItems" -> new FieldError(FieldError.Type.DUPLICATE, field, value, "");
      default -> new FieldError(FieldError.Type.INVALID, field, value, in + " " + message.getMessage());
    };
  }

  /** The keyword's value in the schema, such as the 0 of minimum: 0. */
  private static JsonNode limit(ValidationMessage message) {
    JsonNode schema = message.getSchemaNode();
    if (schema != null && schema.isObject() && schema.has(message.getType())) {
      return schema.get(message.getType());
    }
    return schema;
  }

  /** A JSON path of the library ({@code $.spec.layers[0]['a/b']}) as a field path ({@code spec.layers[0][a/b]}). */
  static String field(String jsonPath) {
    String path = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    path = path.replaceAll("\\['((?:[^'\\\\]|\\\\.)*)'\\]", "[$1]");
    if (path.startsWith(".")) {
      path = path.substring(1);
    }
    return path.isEmpty() ? null : path;
  }

  private static String child(String parent, String name) {
    return parent == null ? name : parent + "." + name;
  }

  /** The name kube-openapi gives a JSON value's type. */
  static String typeOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isTextual()) {
      return "string";
    }
    return value.isArray() ? "array" : "object";
  }

  private static String typeNames(JsonNode type) {
    if (type == null) {
      return "";
    }
    if (type.isArray()) {
      List<String> names = new ArrayList<>();
      type.forEach(t -> {
        if (!t.asText().equals("null")) {
          names.add(t.asText());
        }
      });
      return String.join(",", names);
    }
    return type.asText();
  }

  private static String supported(JsonNode values) {
    if (values == null || !values.isArray()) {
      return "";
    }
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(v.isTextual() ? FieldError.quote(v.asText()) : FieldError.quote(v.toString())));
    return "supported values: " + quoted.stream().collect(Collectors.joining(", "));
  }

  /** A bound as Go's %v prints a float64 that holds a whole number: 0, not 0.0. */
  private static String number(JsonNode limit) {
    if (limit == null) {
      return "";
    }
    double value = limit.asDouble();
    return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : limit.asText();
  }
}
