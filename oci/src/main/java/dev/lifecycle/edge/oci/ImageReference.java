package dev.lifecycle.edge.oci;

import java.util.regex.Pattern;

/**
 * A normalised image reference: {@code nginx} is {@code docker.io/library/nginx:latest}. A reference names a
 * repository on a registry and a tag, a digest, or both (then the digest decides what is pulled).
 *
 * @param registry  host with an optional port, {@code docker.io} for Docker Hub
 * @param repository the path in the registry, {@code library/nginx}
 * @param tag       the tag, or null when only a digest was given
 * @param digest    the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

  public static final String DOCKER_HUB = "docker.io";
  private static final String DOCKER_HUB_API = "registry-1.docker.io";

  private static final Pattern HOST = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])"
          + "(?::[0-9]{1,5})?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final int MAX_NAME = 255;

  public ImageReference {
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("a reference needs a tag or a digest: " + registry + "/" + repository);
    }
  }

  /**
   * Parses and normalises a reference as docker and containerd do. Errors name the reference and the part
   * that is wrong.
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidReferenceException(String.valueOf(text), "empty");
    }
    if (!text.equals(text.strip())) {
      throw new InvalidReferenceException(text, "has leading or trailing white space");
    }
    if (text.contains("://")) {
      throw new InvalidReferenceException(text, "an image reference has no scheme (write host/repository:tag)");
    }
    String name = text;
    Digest digest = null;
    int at = text.indexOf('@');
    if (at >= 0) {
      name = text.substring(0, at);
      try {
        digest = Digest.parse(text.substring(at + 1));
      } catch (IllegalArgumentException e) {
        throw new InvalidReferenceException(text, e.getMessage());
      }
    }
    String tag = null;
    int lastSlash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(text, "invalid tag '" + tag
            + "' (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
      }
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    String registry = DOCKER_HUB;
    String path = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
        registry = first;
        path = name.substring(slash + 1);
        if (!HOST.matcher(registry).matches() || !validPort(registry)) {
          throw new InvalidReferenceException(text, "invalid registry host '" + registry + "'");
        }
      }
    }
    if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API)) {
      registry = DOCKER_HUB;
    }
    if (path.isEmpty()) {
      throw new InvalidReferenceException(text, "no repository name");
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        String problem = component.isEmpty() ? "an empty path component"
            : !component.equals(component.toLowerCase(java.util.Locale.ROOT))
                ? "repository names must be lower case ('" + component + "')"
                : "invalid path component '" + component + "' (lower-case letters and digits, separated by '.', '_', '__' or '-')";
        throw new InvalidReferenceException(text, problem);
      }
    }
    if (registry.length() + 1 + path.length() > MAX_NAME) {
      throw new InvalidReferenceException(text, "the name is longer than " + MAX_NAME + " characters");
    }
    return new ImageReference(registry, path, tag, digest);
  }

  private static boolean validPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.endsWith("]")) {
      return true;
    }
    int port = Integer.parseInt(host.substring(colon + 1));
    return port > 0 && port <= 65535;
  }

  /** The host (and port) the API is served on: Docker Hub's API is not on docker.io itself. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /** What the manifest is fetched by: the digest when there is one, else the tag. */
  public String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String repositoryName() {
    return registry + "/" + repository;
  }

  /** The same repository pinned to a digest (the tag is kept for display). */
  public ImageReference withDigest(Digest pinned) {
    return new ImageReference(registry, repository, tag, pinned);
  }

  /** The same repository with this tag and no digest. */
  public ImageReference withTag(String newTag) {
    return parse(repositoryName() + ":" + newTag);
  }

  /** The normalised text: {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return repositoryName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
