package dev.lifecycle.edge.forge;

import dev.lifecycle.edge.oci.ChartReference;
import dev.lifecycle.edge.oci.Descriptor;
import dev.lifecycle.edge.oci.MediaTypes;
import dev.lifecycle.edge.oci.RegistryClient;
import dev.lifecycle.edge.oci.ResolvedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Pulls a Helm chart stored in an OCI registry: resolves its manifest and streams its chart layer (the
 * {@code .tgz}) into a file, verified against its digest, through the same client, credentials and CAs as the
 * images.
 */
final class ChartFetcher {

  /** Older Helm versions pushed the chart layer with this media type. */
  private static final String LEGACY_CHART_LAYER = "application/tar+gzip";

  private final RegistryClient client;

  ChartFetcher(RegistryClient client) {
    this.client = client;
  }

  record Fetched(ResolvedImage resolved, Path archive) {
  }

  /**
   * @throws IllegalStateException when the artifact holds no chart layer
   * @throws dev.lifecycle.edge.oci.RegistryException when the registry does not serve it
   */
  Fetched fetch(ChartReference chart, Path directory) throws IOException {
    ResolvedImage resolved = client.resolve(chart.image(), List.of());
    List<Descriptor> layers = resolved.manifests().get(0).manifest().layers().stream()
        .filter(layer -> layer.mediaType().equals(MediaTypes.HELM_CHART_CONTENT)
            || layer.mediaType().equals(LEGACY_CHART_LAYER))
        .toList();
    if (layers.size() != 1) {
      throw new IllegalStateException("the artifact is not a Helm chart: it has " + layers.size() + " layers of type "
          + MediaTypes.HELM_CHART_CONTENT);
    }
    Path archive = Files.createTempFile(directory, "chart-", ".tgz");
    try (InputStream in = client.openBlob(chart.image(), layers.get(0))) {
      Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Fetched(resolved, archive);
  }
}
