package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kube-apiserver does with a CRD's structural schema besides validating it: the strict JSON Schema
 * we validate with, and the pre-validation steps on the object (null pruning, defaulting, pruning of
 * unknown fields), each walking the object alongside the schema.
 */
final class StructuralSchemas {

  /** Fields every object has at its root, whatever its schema says (the API server adds them). */
  static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StructuralSchemas() {
  }

  /**
   * The openAPIV3Schema as a draft-4 JSON Schema that a JSON Schema library can apply: the
   * {@code x-kubernetes-*} extensions turned into their JSON Schema meaning, and apiVersion, kind and a free-form
   * metadata allowed at the root. Unknown fields are no error here: they are pruned before
   * ({@link #pruneUnknownFields}), as the API server prunes them.
   */
  static ObjectNode toJsonSchema(JsonNode openApiSchema) {
    ObjectNode schema = convert(openApiSchema);
    ObjectNode properties = schema.with("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    schema.put("$schema", "http://json-schema.org/draft-04/schema#");
    return schema;
  }

  private static ObjectNode convert(JsonNode node) {
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.startsWith("x-kubernetes-") || key.equals("nullable")) {
        continue;
      }
      switch (key) {
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), convert(p.getValue())));
        }
        case "items", "additionalProperties", "not" -> out.set(key, value.isObject() ? convert(value) : value);
        case "allOf", "anyOf", "oneOf" -> {
          ArrayNode all = out.putArray(key);
          value.forEach(s -> all.add(convert(s)));
        }
        default -> out.set(key, value.deepCopy());
      }
    }
    if (node.path("x-kubernetes-int-or-string").asBoolean() && !node.has("anyOf")) {
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    if (node.path("nullable").asBoolean() && node.has("type")) {
      ArrayNode types = out.putArray("type");
      types.add(node.get("type").asText()).add("null");
    }
    return out;
  }

  static boolean preservesUnknownFields(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
  }

  /** The schema of a map's values, or null when the object is not a map. */
  static JsonNode mapValues(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  /**
   * Drops fields whose value is null where the schema does not say nullable, as the API server does
   * before defaulting.
   */
  static void dropNulls(JsonNode schema, JsonNode value) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (value instanceof ObjectNode object) {
      List<String> drop = new ArrayList<>();
      object.fields().forEachRemaining(field -> {
        JsonNode fieldSchema = schema.path("properties").get(field.getKey());
        if (fieldSchema == null) {
          fieldSchema = mapValues(schema);
        }
        if (field.getValue().isNull() && (fieldSchema == null || !fieldSchema.path("nullable").asBoolean())) {
          if (fieldSchema != null) {
            drop.add(field.getKey());
          }
        } else {
          dropNulls(fieldSchema, field.getValue());
        }
      });
      object.remove(drop);
    } else if (value instanceof ArrayNode array) {
      array.forEach(item -> dropNulls(schema.get("items"), item));
    }
  }

  /** Sets the schema's defaults on fields that are unset, in objects that exist, as the API server does. */
  static void applyDefaults(JsonNode schema, JsonNode value) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (value instanceof ObjectNode object) {
      schema.path("properties").fields().forEachRemaining(property -> {
        if (!object.has(property.getKey()) && property.getValue().has("default")) {
          object.set(property.getKey(), property.getValue().get("default").deepCopy());
        }
      });
      object.fields().forEachRemaining(field -> {
        JsonNode fieldSchema = schema.path("properties").get(field.getKey());
        applyDefaults(fieldSchema != null ? fieldSchema : mapValues(schema), field.getValue());
      });
    } else if (value instanceof ArrayNode array) {
      array.forEach(item -> applyDefaults(schema.get("items"), item));
    }
  }

  /**
   * Removes the fields the schema does not know, as the API server does before it stores an object, and returns
   * their paths (such as {@code spec.wokers}), which the API server reports as unknown fields.
   */
  static List<String> pruneUnknownFields(JsonNode schema, JsonNode value) {
    List<String> pruned = new ArrayList<>();
    prune(schema, value, "", true, pruned);
    return pruned;
  }

  private static void prune(JsonNode schema, JsonNode value, String path, boolean root, List<String> pruned) {
    if (schema == null || schema.isMissingNode() || preservesUnknownFields(schema)) {
      return;
    }
    if (value instanceof ObjectNode object) {
      JsonNode mapValues = mapValues(schema);
      List<String> unknown = new ArrayList<>();
      object.fields().forEachRemaining(field -> {
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode fieldSchema = schema.path("properties").get(field.getKey());
        if (root && ROOT_FIELDS.contains(field.getKey())) {
          return; // the API server's own fields: the object's metadata is no schema's to prune
        }
        if (fieldSchema != null) {
          prune(fieldSchema, field.getValue(), fieldPath, false, pruned);
        } else if (mapValues != null) {
          prune(mapValues, field.getValue(), fieldPath, false, pruned);
        } else {
          unknown.add(field.getKey());
          pruned.add(fieldPath);
        }
      });
      object.remove(unknown);
    } else if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        prune(schema.get("items"), array.get(i), path + "[" + i + "]", false, pruned);
      }
    }
  }
}
