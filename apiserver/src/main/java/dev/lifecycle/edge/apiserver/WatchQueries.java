package dev.lifecycle.edge.apiserver;

/** Where a watch starts: from the resourceVersion its query names. */
final class WatchQueries {

  private WatchQueries() {
  }

  /** The {@code resourceVersion} a watch's query names, or 0 (every object, then the changes) without one. */
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
}
