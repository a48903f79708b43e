package dev.lifecycle.edge.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real Helm in-process (helm-java: Helm's Go code as a native library), offline: the chart is the {@code .tgz}
 * this build fetched and verified from the registry, so what is rendered is exactly what the bundle holds.
 */
public final class HelmRenderer implements ChartRenderer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String render(Path chartArchive, String release, String namespace, Map<String, Object> values) {
    Path valuesFile = null;
    try {
      // JSON is YAML: Helm reads the layer's values as they are, with their types.
      valuesFile = Files.createTempFile("edge-forge-values-", ".yaml");
      JSON.writeValue(valuesFile.toFile(), values);
      return new Helm(chartArchive).template().withName(release).withNamespace(namespace).withValuesFile(valuesFile)
          .call();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the values of release " + release + " for Helm", e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage().strip(), e);
    } finally {
      if (valuesFile != null) {
        try {
          Files.deleteIfExists(valuesFile);
        } catch (IOException ignored) {
          // a temporary file; the build's outcome does not depend on it
        }
      }
    }
  }
}
