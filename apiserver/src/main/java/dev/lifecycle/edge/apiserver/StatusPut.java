package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A PUT on a status subresource, judged against the stored object: the stored object with the
 * request's status, its resourceVersion raised only when that changes something, and 409 Conflict
 * when the request names a resourceVersion other than the stored one.
 *
 * <p>This is what the mock's own handler does (plus the conflict, see {@link StaleStatusUpdate}), at a
 * fraction of the cost: the mock parses the body into a generic resource, diffs the old and new trees,
 * and parses the new state twice more to file it, on the thread that serves every request. A status
 * write changes neither the object's name nor its labels, so the dispatcher files it under the key it
 * had. Status PUTs are most of the writes of a rolling upgrade.
 */
final class StatusPut {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /**
   * What the PUT comes to.
   *
   * @param conflict the 409 message, when the request is stale
   * @param object the object as stored after the PUT (the stored one when nothing changed)
   * @param changed whether the PUT changed the object
   */
  record Result(Optional<String> conflict, String object, boolean changed) {
  }

  private StatusPut() {
  }

  /**
   * @param nextResourceVersion the store's resourceVersion counter, drawn only for a change
   * @return empty when the request is no object with a kind, an apiVersion and a metadata.name: the
   *     store's own handler answers those, with its own errors
   */
  static Optional<Result> apply(String stored, String requestBody, LongSupplier nextResourceVersion) {
    JsonNode request = parse(requestBody);
    if (!(request instanceof ObjectNode) || blank(request.path("kind")) || blank(request.path("apiVersion"))
        || blank(request.path("metadata").path("name"))) {
      return Optional.empty();
    }
    Optional<String> conflict = StaleStatusUpdate.conflict(stored, requestBody);
    if (conflict.isPresent()) {
      return Optional.of(new Result(conflict, stored, false));
    }
    JsonNode current = parse(stored);
    if (!(current instanceof ObjectNode) || !(current.get("metadata") instanceof ObjectNode)) {
      return Optional.empty();
    }
    ObjectNode updated = ((ObjectNode) current).deepCopy();
    JsonNode status = request.get("status");
    if (status != null) {
      updated.set("status", status);
    } else {
      updated.remove("status");
    }
    if (updated.equals(current)) {
      return Optional.of(new Result(Optional.empty(), stored, false));
    }
    ((ObjectNode) updated.get("metadata")).put("resourceVersion", String.valueOf(nextResourceVersion.getAsLong()));
    try {
      return Optional.of(new Result(Optional.empty(), JSON.writeValueAsString(updated), true));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree read a moment ago", e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return json == null || json.isBlank() ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean blank(JsonNode node) {
    return !node.isTextual() || node.asText().isBlank();
  }
}
