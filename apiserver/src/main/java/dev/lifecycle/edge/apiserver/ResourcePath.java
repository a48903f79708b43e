package dev.lifecycle.edge.apiserver;

import java.util.Optional;

/**
 * A request path of an API group's resource, read as the API server reads it:
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]}.
 *
 * @param namespace null for a cluster-scoped path
 * @param name null for a collection
 * @param subresource null for the object itself, such as {@code status}
 */
record ResourcePath(String group, String version, String namespace, String plural, String name,
    String subresource) {

  /** The path read, or empty when it is no group's resource path (the core API, discovery, a malformed path). */
  static Optional<ResourcePath> parse(String path) {
    if (!path.startsWith("/apis/")) {
      return Optional.empty();
    }
    String[] parts = path.substring("/apis/".length()).split("/", -1);
    if (parts.length < 3) {
      return Optional.empty();
    }
    int at = 2;
    String namespace = null;
    if (parts[at].equals("namespaces") && parts.length >= 5) {
      namespace = parts[at + 1];
      at += 2;
    }
    int rest = parts.length - at;
    if (rest < 1 || rest > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(parts[0], parts[1], namespace, parts[at],
        rest >= 2 ? parts[at + 1] : null, rest == 3 ? parts[at + 2] : null));
  }

  /** Whether the path is the status subresource of an object. */
  boolean isStatus() {
    return "status".equals(subresource);
  }
}
