package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/** How a watch over plain HTTP starts: from the resourceVersion the client listed at. */
final class HttpWatches {

  private HttpWatches() {
  }

  /** The {@code resourceVersion} a watch's query names, or 0 (from the beginning) without one. */
  static long resourceVersion(String query) {
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("resourceVersion=")) {
        try {
          return Long.parseLong(parameter.substring("resourceVersion=".length()));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  /** The objects (JSON) written after the resourceVersion: the store numbers its writes in order. */
  static List<String> newerThan(List<String> objects, long resourceVersion) {
    if (resourceVersion <= 0) {
      return objects;
    }
    return objects.stream().filter(object -> versionOf(object) > resourceVersion).toList();
  }

  private static long versionOf(String object) {
    JsonNode version = Serialization.unmarshal(object, JsonNode.class).path("metadata").path("resourceVersion");
    try {
      return Long.parseLong(version.asText());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
