package dev.lifecycle.edge.bundle;

import java.util.List;

/**
 * One Helm chart, stored as an OCI artifact (its manifest names a config blob and the chart's .tgz layer).
 *
 * @param reference the reference the profiles name it by (e.g. {@code oci://registry.example/charts/app:1.2.0}); opaque
 */
public record ChartPlan(String reference, InlineManifest manifest, List<Descriptor> blobs) {

  public ChartPlan {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("a chart needs its reference");
    }
    if (manifest == null) {
      throw new IllegalArgumentException("chart " + reference + " has no manifest");
    }
    blobs = List.copyOf(blobs);
  }
}
