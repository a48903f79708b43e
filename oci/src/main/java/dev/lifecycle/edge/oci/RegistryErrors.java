package dev.lifecycle.edge.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The error codes of a registry's error body ({@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":...}]}}). Pure. */
final class RegistryErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryErrors() {
  }

  /** The codes in the body, empty when it has none. */
  static List<String> codes(byte[] body) {
    List<String> codes = new ArrayList<>();
    errors(body).forEach(error -> codes.add(error.path("code").asText("")));
    return codes;
  }

  /** {@code CODE: message; ...}, or the start of the body when it is not the registry error format. */
  static String describe(byte[] body) {
    List<String> parts = new ArrayList<>();
    errors(body).forEach(error -> parts.add(error.path("code").asText("?") + ": " + error.path("message").asText("")));
    if (!parts.isEmpty()) {
      return String.join("; ", parts);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static JsonNode errors(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      return root != null && root.path("errors").isArray() ? root.path("errors") : JSON.createArrayNode();
    } catch (IOException e) {
      return JSON.createArrayNode();
    }
  }
}
