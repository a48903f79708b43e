package dev.lifecycle.edge.operator.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
    Map<String, String> annotations = source.getAnnotations() == null ? new TreeMap<>()
        : new TreeMap<>(source.getAnnotations());
    annotations.remove(LAST_APPLIED);
    Map<String, String> labels = source.getLabels() == null ? Map.of() : source.getLabels();
    return yaml(new Manifest(profile.getApiVersion(), profile.getKind(),
        new Metadata(source.getName(), labels, annotations), profile.getSpec()));
  }

  /** The manifest's fields in the order kubectl shows them (records: not reordered like the maps inside). */
  @JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
  record Manifest(String apiVersion, String kind, Metadata metadata, ClusterProfileSpec spec) {
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"name", "labels", "annotations"})
  record Metadata(String name, Map<String, String> labels, Map<String, String> annotations) {
  }

  /** The variables file: the version it belongs to and its spec.variables. */
  @JsonPropertyOrder({"profile", "variables"})
  record Variables(String profile, List<ProfileVariable> variables) {
  }

  /** {@code variables:} and the list of spec.variables (empty when the version declares none). */
  static byte[] variables(ClusterProfile profile) {
    List<ProfileVariable> variables = profile.getSpec().getVariables() == null ? List.of()
        : profile.getSpec().getVariables();
    return yaml(new Variables(profile.getMetadata().getName(), variables));
  }

  private static byte[] yaml(Object value) {
    try {
      return YAML.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
    }
  }
}
