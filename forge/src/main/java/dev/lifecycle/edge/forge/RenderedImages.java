package dev.lifecycle.edge.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images that rendered Kubernetes manifests (what {@code helm template} prints: several YAML documents,
 * possibly {@code kind: List}) name in the pod templates of Pods, Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, ReplicationControllers, Jobs and CronJobs: containers, init containers and ephemeral containers.
 * Other kinds name no image a kubelet pulls; images that only appear at run time are the layer's extraImages.
 */
public final class RenderedImages {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> TEMPLATED = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
      "ReplicationController", "Job");
  private static final Map<String, String> ROLES = Map.of("containers", "container", "initContainers", "initContainer",
      "ephemeralContainers", "ephemeralContainer");

  private RenderedImages() {
  }

  /**
   * Every image, in document order, once per container naming it.
   *
   * @throws IllegalArgumentException when the text is not YAML
   */
  public static List<ManifestImage> of(String yaml) {
    List<ManifestImage> images = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document != null) {
          collect(document, images);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the rendered manifests are not YAML: " + e.getMessage(), e);
    }
    return images;
  }

  private static void collect(JsonNode manifest, List<ManifestImage> images) {
    if (!manifest.isObject()) {
      return;
    }
    String kind = manifest.path("kind").asText("");
    if (kind.endsWith("List") && manifest.path("items").isArray()) {
      manifest.path("items").forEach(item -> collect(item, images));
      return;
    }
    JsonNode podSpec;
    if (kind.equals("Pod")) {
      podSpec = manifest.path("spec");
    } else if (TEMPLATED.contains(kind)) {
      podSpec = manifest.path("spec").path("template").path("spec");
    } else if (kind.equals("CronJob")) {
      podSpec = manifest.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
    } else {
      return;
    }
    String name = manifest.path("metadata").path("name").asText("(unnamed)");
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      for (JsonNode container : podSpec.path(field)) {
        String image = container.path("image").asText("");
        if (!image.isBlank()) {
          images.add(new ManifestImage(image.strip(), ROLES.get(field), kind, name));
        }
      }
    }
  }
}
