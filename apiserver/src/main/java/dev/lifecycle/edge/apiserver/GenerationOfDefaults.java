package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The generation of an updated object, judged on the object as stored: the store raised it because the request
 * left out fields that defaults fill in, or named fields that pruning drops; the API server compares defaulted,
 * pruned objects, so such an update changes nothing and keeps the generation.
 */
final class GenerationOfDefaults {

  private GenerationOfDefaults() {
  }

  /**
   * Sets the stored object's generation back to the old one when nothing but metadata and status differs between
   * the old object and the stored one.
   */
  static void keep(JsonNode old, ObjectNode stored) {
    if (old == null || !(stored.get("metadata") instanceof ObjectNode metadata)) {
      return;
    }
    JsonNode oldGeneration = old.path("metadata").get("generation");
    if (oldGeneration == null || Objects.equals(oldGeneration, metadata.get("generation"))) {
      return;
    }
    if (sameBesidesMetadataAndStatus(old, stored)) {
      metadata.set("generation", oldGeneration);
    }
  }

  static boolean sameBesidesMetadataAndStatus(JsonNode a, JsonNode b) {
    return fieldsBesides(a).equals(fieldsBesides(b));
  }

  private static Map<String, JsonNode> fieldsBesides(JsonNode object) {
    Map<String, JsonNode> fields = new java.util.HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> all = object.fields();
    while (all.hasNext()) {
      Map.Entry<String, JsonNode> field = all.next();
      if (!field.getKey().equals("metadata") && !field.getKey().equals("status")) {
        fields.put(field.getKey(), field.getValue());
      }
    }
    return fields;
  }
}
