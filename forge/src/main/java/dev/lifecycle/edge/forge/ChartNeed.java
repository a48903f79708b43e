package dev.lifecycle.edge.forge;

import java.util.Map;

/**
 * A chart layer: the chart (repository URL, name, and the layer's version as the chart version) and the values
 * it is rendered with.
 */
public record ChartNeed(String repository, String name, String version, Map<String, Object> values, LayerRef layer) {

  public ChartNeed {
    values = values == null ? Map.of() : values;
  }

  /** {@code oci://registry.example/charts/web}: the repository and the chart's name. */
  public String url() {
    String base = repository.endsWith("/") ? repository.substring(0, repository.length() - 1) : repository;
    return base + "/" + name;
  }

  /** {@code chart oci://registry.example/charts/web 1.0.0}. */
  public String describe() {
    return "chart " + url() + " " + version;
  }

  /** Why an image a rendered manifest names is needed. */
  public ImageNeed rendered(ManifestImage image) {
    return new ImageNeed(image.image(), image.describe() + ", rendered from " + describe() + " of " + layer);
  }
}
