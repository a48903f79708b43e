package dev.lifecycle.edge.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.validation.CrdValidator;
import dev.lifecycle.edge.validation.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The CRDs committed in crds/ with their validators (the embedded API's, from the validation module), and YAML
 * validated as {@code kubectl apply} sends it: field validation Strict, so that an unknown field is refused as
 * {@code unknown field "spec.wokers"} before anything else is checked, and otherwise every error the API server
 * reports, as its text (such as {@code spec.profileRef: Required value}).
 */
public final class PublishedCrds {

  /** What the API server adds when a structural error kept it from evaluating the CEL rules. */
  public static final String RULES_NOT_CHECKED = FieldError.RULES_NOT_CHECKED.toString();

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path CRD_DIR = Path.of("..", "crds");
  private static final Map<String, CrdValidator> BY_KIND = new ConcurrentHashMap<>();

  private PublishedCrds() {
  }

  /** The validator of the published CRD that serves this kind, such as ClusterProfile. */
  public static CrdValidator forKind(String kind) {
    return BY_KIND.computeIfAbsent(kind, k -> all().stream()
        .filter(crd -> crd.path("spec").path("names").path("kind").asText().equals(k))
        .findFirst()
        .map(CrdValidator::new)
        .orElseThrow(() -> new IllegalArgumentException("no CRD in " + CRD_DIR + " serves kind " + k)));
  }

  /** Every CRD committed in crds/. */
  public static List<JsonNode> all() {
    try (Stream<Path> files = Files.list(CRD_DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
          .map(f -> parseYaml(read(f)).get(0)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates YAML text: one document is a create, two documents (old, then new) an update. The CRD is chosen
   * by the kind of the (last) document.
   */
  public static List<String> validateYaml(String yaml, CrdValidator.RuleObserver observer) {
    List<JsonNode> documents = parseYaml(yaml);
    if (documents.isEmpty() || documents.size() > 2) {
      throw new IllegalArgumentException("expected one document (create) or two (old, new), got " + documents.size());
    }
    JsonNode object = documents.get(documents.size() - 1);
    JsonNode old = documents.size() == 2 ? documents.get(0) : null;
    CrdValidator.Admission admission = forKind(object.path("kind").asText())
        .admit(old, object, CrdValidator.Scope.OBJECT, observer);
    if (!admission.unknownFields().isEmpty()) {
      return admission.unknownFields().stream().map(f -> "unknown field \"" + f + "\"").toList();
    }
    return admission.errors().stream().map(FieldError::toString).toList();
  }

  public static List<String> validateYaml(String yaml) {
    return validateYaml(yaml, CrdValidator.RuleObserver.NONE);
  }

  /** The errors of a create, as the API server's texts. */
  public static List<String> validate(JsonNode object) {
    return validateYaml(object.toString());
  }

  public static List<JsonNode> parseYaml(String yaml) {
    try {
      return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream()
          .filter(Objects::nonNull)
          .filter(node -> !node.isMissingNode() && !node.isNull())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The object a YAML document describes, for tests that build one in code. */
  public static ObjectNode object(String yaml) {
    return (ObjectNode) parseYaml(yaml).get(0);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
