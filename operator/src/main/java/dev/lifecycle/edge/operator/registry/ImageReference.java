package dev.lifecycle.edge.operator.registry;

import java.util.Optional;

/**
 * An image reference taken apart the way Docker and containerd read it: the registry host (docker.io when the
 * first component has no dot or colon and is not localhost), the repository path (docker.io's one-word names
 * under library/), and what follows the repository (":tag", "@digest", both, or nothing).
 *
 * @param registry the registry host and port, such as docker.io or registry.example.com:5000
 * @param path the repository path on it, such as library/nginx
 * @param suffix the tag and digest as written, such as ":1.25" or "@sha256:..."; empty when neither
 */
public record ImageReference(String registry, String path, String suffix) {

  /** Docker Hub, as mapping rules name it. */
  public static final String DOCKER_HUB = "docker.io";

  /** The reference, normalized, when it is one; empty for text no runtime would pull. */
  public static Optional<ImageReference> parse(String reference) {
    if (reference == null || reference.isBlank() || reference.contains(" ")) {
      return Optional.empty();
    }
    String rest = reference;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at);
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty() || rest.startsWith("/") || rest.endsWith("/")) {
      return Optional.empty();
    }
    return Optional.of(normalized(rest, tag + digest));
  }

  /** A repository (no tag or digest) with its registry, normalized as {@link #parse} does. */
  static ImageReference repository(String repository) {
    return normalized(repository, "");
  }

  private static ImageReference normalized(String name, String suffix) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? name : name.substring(0, slash);
    String registry;
    String path;
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      registry = first.equals("index.docker.io") ? DOCKER_HUB : first;
      path = name.substring(slash + 1);
    } else {
      registry = DOCKER_HUB;
      path = name;
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    return new ImageReference(registry, path, suffix);
  }

  /** The whole reference: registry, path, tag and digest. */
  @Override
  public String toString() {
    return registry + "/" + path + suffix;
  }
}
