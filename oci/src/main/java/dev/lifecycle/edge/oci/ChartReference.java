package dev.lifecycle.edge.oci;

/**
 * A Helm chart in an OCI registry, as a profile layer names it: {@code oci://host/path/chart} and a version.
 * Helm stores version {@code 1.2.3+build} under the tag {@code 1.2.3_build}, since '+' is not allowed in tags.
 */
public record ChartReference(String url, String version, ImageReference image) {

  private static final String SCHEME = "oci://";

  /** Parses the chart URL and version; errors name the chart. */
  public static ChartReference parse(String url, String version) {
    if (url == null || !url.startsWith(SCHEME)) {
      throw new InvalidReferenceException(String.valueOf(url), "a chart in a registry is written oci://host/path/chart");
    }
    if (version == null || version.isBlank()) {
      throw new InvalidReferenceException(url, "a chart reference needs a version");
    }
    String path = url.substring(SCHEME.length());
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int lastSlash = path.lastIndexOf('/');
    if (path.indexOf('@') >= 0 || path.lastIndexOf(':') > lastSlash) {
      throw new InvalidReferenceException(url, "put the chart's version in the version field, not in the URL");
    }
    if (lastSlash < 0) {
      throw new InvalidReferenceException(url, "no chart name after the registry host");
    }
    String host = path.substring(0, path.indexOf('/'));
    if (!host.contains(".") && !host.contains(":") && !host.equals("localhost")) {
      // oci://charts/x would silently mean Docker Hub's charts/x; Helm requires a registry host here.
      throw new InvalidReferenceException(url, "the first path element must be a registry host, not '" + host + "'");
    }
    ImageReference image;
    try {
      image = ImageReference.parse(path + ":" + version.replace('+', '_'));
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException(url + " version " + version, e.problem());
    }
    return new ChartReference(url, version, image);
  }

  @Override
  public String toString() {
    return url + " " + version;
  }
}
