package dev.lifecycle.edge.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * Optimistic locking for a PUT on a {@code status} subresource. The mock compares the stored
 * resourceVersion with a copy of the stored object there, so a stale status update always wins;
 * the real API answers 409 Conflict, and two writers of one status must get that answer.
 */
final class StaleStatusUpdate {

  private StaleStatusUpdate() {
  }

  static boolean applies(String method, String path) {
    return "PUT".equals(method) && path.endsWith("/status");
  }

  /** The conflict message when the request names a resourceVersion other than the stored one. */
  static Optional<String> conflict(String stored, String requestBody) {
    if (requestBody == null || requestBody.isBlank()) {
      return Optional.empty();
    }
    JsonNode request = Serialization.unmarshal(requestBody, JsonNode.class);
    String expected = request == null ? "" : request.path("metadata").path("resourceVersion").asText("");
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    JsonNode current = Serialization.unmarshal(stored, JsonNode.class);
    if (expected.equals(current.path("metadata").path("resourceVersion").asText())) {
      return Optional.empty();
    }
    return Optional.of(String.format("Operation cannot be fulfilled on %s \"%s\": the object has been modified; "
        + "please apply your changes to the latest version and try again",
        current.path("kind").asText(), current.path("metadata").path("name").asText()));
  }
}
