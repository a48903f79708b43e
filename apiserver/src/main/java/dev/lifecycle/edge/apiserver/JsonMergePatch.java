package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7386), as the API server applies {@code application/merge-patch+json}: objects merge
 * member by member, a null member removes the member, and anything else, arrays included, replaces the target
 * whole. The mock store's own merge (Jackson's updating reader) appends to arrays instead, so a patch that
 * gives a list again doubled it. Pure.
 */
final class JsonMergePatch {

  private JsonMergePatch() {
  }

  /** The target with the patch applied; neither argument is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : ((ObjectNode) patch).objectNode();
    Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
    while (members.hasNext()) {
      Map.Entry<String, JsonNode> member = members.next();
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
