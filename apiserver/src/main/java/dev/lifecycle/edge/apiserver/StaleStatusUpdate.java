package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.Optional;

/**
 * Optimistic locking for a PUT on a {@code status} subresource. The mock compares the stored
 * resourceVersion with a copy of the stored object there, so a stale status update always wins;
 * the real API answers 409 Conflict, and two writers of one status must get that answer.
 */
final class StaleStatusUpdate {

  private static final JsonFactory JSON = new JsonFactory();

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
    String expected = resourceVersion(requestBody);
    if (expected.isEmpty() || expected.equals(resourceVersion(stored))) {
      return Optional.empty();
    }
    JsonNode current = Serialization.unmarshal(stored, JsonNode.class);
    return Optional.of(String.format("Operation cannot be fulfilled on %s \"%s\": the object has been modified; "
        + "please apply your changes to the latest version and try again",
        current.path("kind").asText(), current.path("metadata").path("name").asText()));
  }

  /**
   * metadata.resourceVersion of a JSON object ("" when it has none or is no JSON object), read by
   * streaming: every status write passes here, on the thread that serves all requests, and a tree of
   * the whole object twice per write was a tenth of that thread's time.
   */
  static String resourceVersion(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "";
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
          return fieldOf(parser, "resourceVersion");
        }
        parser.skipChildren();
      }
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The scalar field {@code name} of the object the parser is in, as text ("" when absent). */
  private static String fieldOf(JsonParser parser, String name) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      if (name.equals(field)) {
        return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getValueAsString("") : "";
      }
      parser.skipChildren();
    }
    return "";
  }
}
