package dev.lifecycle.edge.operator.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a cluster definition for one profile version: its manifest, stripped of what belongs to the
 * cluster it was read from, and its variables. The same profile always gives the same bytes.
 */
final class DefinitionFiles {

  /** An annotation kubectl writes, holding a copy of the object as last applied: not part of the definition. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private DefinitionFiles() {
  }

  static String manifestPath(String name) {
    return "profiles/" + name + ".yaml";
  }

  static String variablesPath(String name) {
    return "variables/" + name + ".yaml";
  }

  /**
   * apiVersion, kind, metadata (name, labels and annotations only: no namespace, uid, resourceVersion,
   * generation, creationTimestamp, managedFields, finalizers or owners) and spec; no status.
   */
  static byte[] manifest(ClusterProfile profile) {
    ObjectMeta source = profile.getMetadata();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", source.getName());
    if (source.getLabels() != null && !source.getLabels().isEmpty()) {
      metadata.put("labels", new TreeMap<>(source.getLabels()));
    }
    if (source.getAnnotations() != null) {
      Map<String, String> annotations = new TreeMap<>(source.getAnnotations());
      annotations.remove(LAST_APPLIED);
      if (!annotations.isEmpty()) {
        metadata.put("annotations", annotations);
      }
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", profile.getApiVersion());
    manifest.put("kind", profile.getKind());
    manifest.put("metadata", metadata);
    manifest.put("spec", profile.getSpec());
    return yaml(manifest);
  }

  /** {@code variables:} and the list of spec.variables (empty when the version declares none). */
  static byte[] variables(ClusterProfile profile) {
    List<ProfileVariable> variables = profile.getSpec().getVariables() == null ? List.of()
        : profile.getSpec().getVariables();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("profile", profile.getMetadata().getName());
    file.put("variables", variables);
    return yaml(file);
  }

  private static byte[] yaml(Object value) {
    try {
      return YAML.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
    }
  }
}
