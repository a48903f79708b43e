package dev.lifecycle.edge.forge;

import java.nio.file.Path;
import java.util.Map;

/** Renders a packaged chart with values, as {@code helm template} does: the manifests as YAML text. */
@FunctionalInterface
public interface ChartRenderer {

  /** @throws IllegalStateException with the renderer's message when the chart cannot be rendered */
  String render(Path chartArchive, String release, String namespace, Map<String, Object> values);
}
