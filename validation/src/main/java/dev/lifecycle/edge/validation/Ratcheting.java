package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.networknt.schema.JsonNodePath;
import java.util.Objects;

/**
 * Validation ratcheting as kube-apiserver does it on update (CRDValidationRatcheting, on by default since 1.30): an
 * error raised on a value that the update left unchanged is not held against the write, so that an object stored
 * before a stricter CRD can still be updated elsewhere (its status, its finalizers) without first being fixed.
 *
 * <p>A value is compared with the old value found at the same place: an object's field by name, a map's entry by
 * key, an item of a {@code x-kubernetes-list-type: map} list by its keys. Items of other lists (atomic, set) have no
 * old value of their own, as on the server; they are unchanged only when their whole list is.
 */
final class Ratcheting {

  private Ratcheting() {
  }

  /**
   * Whether a schema error found at path (the instance location of the JSON Schema library; for a missing required
   * field, the object that lacks it) is ratcheted: the value there, or the nearest value above it that has an old
   * value to compare with, is equal to that old value. The server's schema validator drops the errors of a whole
   * unchanged node, the errors of its descendants included.
   */
  static boolean unchanged(JsonNode rootSchema, JsonNode object, JsonNode old, JsonNodePath path) {
    if (old == null) {
      return false;
    }
    JsonNode schema = rootSchema;
    JsonNode value = object;
    JsonNode oldValue = old;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      JsonNode next;
      JsonNode oldNext;
      if (element instanceof Integer index) {
        if (!(value instanceof ArrayNode items) || index >= items.size()) {
          break;
        }
        next = items.get(index);
        oldNext = correlatedItem(schema, next, oldValue);
        schema = schema == null ? null : schema.get("items");
      } else {
        String name = String.valueOf(element);
        next = value == null ? null : value.get(name);
        oldNext = oldValue == null || !oldValue.isObject() ? null : oldValue.get(name);
        schema = i == 0 && StructuralSchemas.ROOT_FIELDS.contains(name) ? null : CelRules.fieldSchema(schema, name);
      }
      if (next == null || oldNext == null) {
        break;
      }
      value = next;
      oldValue = oldNext;
    }
    return value.equals(oldValue);
  }

  /**
   * The old item a list item is compared with: by its keys in a list of type map; none in an atomic list or a set,
   * whose items the server does not correlate for ratcheting.
   */
  static JsonNode correlatedItem(JsonNode listSchema, JsonNode item, JsonNode oldList) {
    if (listSchema == null || !(oldList instanceof ArrayNode oldItems)
        || !listSchema.path("x-kubernetes-list-type").asText("atomic").equals("map")) {
      return null;
    }
    JsonNode keys = listSchema.path("x-kubernetes-list-map-keys");
    for (JsonNode oldItem : oldItems) {
      boolean same = true;
      for (JsonNode key : keys) {
        same &= Objects.equals(oldItem.get(key.asText()), item.get(key.asText()));
      }
      if (same) {
        return oldItem;
      }
    }
    return null;
  }
}
