package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Validates a resource against its published CRD (crds/*.yaml) the way kube-apiserver does on create and
 * update: nulls dropped and defaults applied, then the structural schema checked with a JSON Schema
 * library (unknown fields reported as errors rather than pruned), then, unless the schema found the
 * object malformed, every {@code x-kubernetes-validations} rule evaluated with cel-java where it is
 * declared (transition rules, those using oldSelf, only on update and only where an old value exists).
 *
 * <p>Errors come back as {@code "<json path>: <message>"}, such as
 * {@code "$.spec.version: version must be a semantic version such as 1.2.0 (...)"}.
 */
public final class CrdValidator {

  /** What the API server adds when a structural error kept it from evaluating the CEL rules. */
  public static final String RULES_NOT_CHECKED = "$: some validation rules were not checked because the object "
      + "was invalid; correct the existing errors to complete validation";

  /** Schema keywords whose violation keeps the API server from running CEL (its hasBlockingErr). */
  private static final Set<String> BLOCKING = Set.of("type", "anyOf", "required", "enum", "maxLength", "maxItems",
      "maxProperties");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path CRD_DIR = Path.of("..", "crds");
  private static final Map<String, CrdValidator> BY_KIND = new ConcurrentHashMap<>();

  /** Told the outcome of every rule evaluated, so a test can see each rule both pass and fail. */
  public interface RuleObserver {
    RuleObserver NONE = (rule, passed) -> { };

    void evaluated(CelRule rule, boolean passed);
  }

  private final JsonNode crd;
  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;
  private final List<CelRule> rules;

  private CrdValidator(JsonNode crd) {
    this.crd = crd;
    this.openApiSchema = CelRules.openApiSchema(crd);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .locale(Locale.ENGLISH)
        .pathType(PathType.JSON_PATH)
        .build();
    this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(StructuralSchemas.toJsonSchema(openApiSchema), config);
    this.rules = CelRules.rulesOf(crd);
  }

  /** The validator of the published CRD that serves this kind, such as ClusterProfile. */
  public static CrdValidator forKind(String kind) {
    return BY_KIND.computeIfAbsent(kind, k -> publishedCrds().stream()
        .filter(crd -> crd.path("spec").path("names").path("kind").asText().equals(k))
        .findFirst()
        .map(CrdValidator::new)
        .orElseThrow(() -> new IllegalArgumentException("no CRD in " + CRD_DIR + " serves kind " + k)));
  }

  /** Every CRD committed in crds/. */
  public static List<JsonNode> publishedCrds() {
    try (Stream<Path> files = Files.list(CRD_DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(CrdValidator::readYaml).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates YAML text: one document is a create, two documents (old, then new) an update.
   * The CRD is chosen by the kind of the (last) document.
   */
  public static List<String> validateYaml(String yaml, RuleObserver observer) {
    List<JsonNode> documents = parseYaml(yaml);
    if (documents.isEmpty() || documents.size() > 2) {
      throw new IllegalArgumentException("expected one document (create) or two (old, new), got " + documents.size());
    }
    JsonNode object = documents.get(documents.size() - 1);
    JsonNode old = documents.size() == 2 ? documents.get(0) : null;
    return forKind(object.path("kind").asText()).validate(old, object, observer);
  }

  public static List<String> validateYaml(String yaml) {
    return validateYaml(yaml, RuleObserver.NONE);
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

  public JsonNode crd() {
    return crd;
  }

  public List<CelRule> rules() {
    return rules;
  }

  /** Validates a create. */
  public List<String> validate(JsonNode object) {
    return validate(null, object, RuleObserver.NONE);
  }

  /** Validates an update from oldObject to object. */
  public List<String> validateUpdate(JsonNode oldObject, JsonNode object) {
    return validate(oldObject, object, RuleObserver.NONE);
  }

  /** Validates a create (oldObject null) or an update, telling the observer every rule's outcome. */
  public List<String> validate(JsonNode oldObject, JsonNode object, RuleObserver observer) {
    JsonNode current = prepare(object);
    JsonNode old = oldObject == null ? null : prepare(oldObject);

    List<String> errors = new ArrayList<>();
    boolean blocking = false;
    List<ValidationMessage> messages = new ArrayList<>(jsonSchema.validate(current));
    messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
        .thenComparing(ValidationMessage::getError));
    for (ValidationMessage message : messages) {
      errors.add(message.getInstanceLocation() + ": " + message.getError());
      blocking |= BLOCKING.contains(message.getType());
    }
    if (blocking) {
      errors.add(RULES_NOT_CHECKED);
      return errors;
    }
    StructuralSchemas.pruneUnknownFields(openApiSchema, current, true);
    if (old != null) {
      StructuralSchemas.pruneUnknownFields(openApiSchema, old, true);
    }
    walk(openApiSchema, current, old, "$", true, errors, observer);
    return errors;
  }

  private JsonNode prepare(JsonNode object) {
    JsonNode copy = object.deepCopy();
    StructuralSchemas.dropNulls(openApiSchema, copy);
    StructuralSchemas.applyDefaults(openApiSchema, copy);
    return copy;
  }

  /** Evaluates the rules of one schema node on its value, then descends into the value's children. */
  private void walk(JsonNode schema, JsonNode value, JsonNode old, String path, boolean root, List<String> errors,
      RuleObserver observer) {
    if (schema == null || value == null) {
      return;
    }
    for (CelRule rule : rules) {
      if (rule.schema() == schema) {
        evaluate(rule, value, old, path, root, errors, observer);
      }
    }
    if (value.isObject() && !StructuralSchemas.preservesUnknownFields(schema)) {
      value.fields().forEachRemaining(field -> {
        JsonNode fieldSchema = root && StructuralSchemas.ROOT_FIELDS.contains(field.getKey())
            ? null : CelRules.fieldSchema(schema, field.getKey());
        JsonNode oldField = old != null && old.isObject() ? old.get(field.getKey()) : null;
        walk(fieldSchema, field.getValue(), oldField, child(path, field.getKey()), false, errors, observer);
      });
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), correlatedItem(schema, value.get(i), old), path + "[" + i + "]",
            false, errors, observer);
      }
    }
  }

  private void evaluate(CelRule rule, JsonNode value, JsonNode old, String path, boolean root, List<String> errors,
      RuleObserver observer) {
    CelRules.Compiled compiled;
    try {
      compiled = CelRules.compile(rule);
    } catch (CelValidationException e) {
      errors.add(path + ": rule does not compile: " + rule.rule() + ": " + e.getMessage());
      return;
    }
    if (compiled.isTransition() && old == null) {
      return;
    }
    Object self = CelRules.toCel(value, rule.schema(), root);
    Object oldSelf = old == null ? null : CelRules.toCel(old, rule.schema(), root);
    String where = rule.fieldPath() == null ? path : path + rule.fieldPath();
    try {
      Object result = CelRules.evaluate(compiled.program(), self, oldSelf);
      if (!(result instanceof Boolean passed)) {
        errors.add(where + ": rule did not evaluate to a bool: " + rule.rule());
        return;
      }
      observer.evaluated(rule, passed);
      if (!passed) {
        errors.add(where + ": " + message(compiled, self, oldSelf));
      }
    } catch (CelEvaluationException e) {
      errors.add(where + ": rule could not be evaluated: " + rule.rule() + ": " + e.getMessage());
    }
  }

  private static String message(CelRules.Compiled compiled, Object self, Object oldSelf) {
    if (compiled.messageProgram() != null) {
      try {
        Object message = CelRules.evaluate(compiled.messageProgram(), self, oldSelf);
        if (message instanceof String text && !text.isBlank()) {
          return text;
        }
      } catch (CelEvaluationException e) {
        // The API server falls back to message, then to the rule, as here.
      }
    }
    return compiled.rule().failureMessage();
  }

  /**
   * The old item an item is compared with in transition rules: by key in a list of type map, by value in a
   * set; none in an atomic list, as on the server.
   */
  private static JsonNode correlatedItem(JsonNode schema, JsonNode item, JsonNode old) {
    if (!(old instanceof ArrayNode oldItems)) {
      return null;
    }
    String listType = schema.path("x-kubernetes-list-type").asText("atomic");
    if (listType.equals("set")) {
      for (JsonNode oldItem : oldItems) {
        if (oldItem.equals(item)) {
          return oldItem;
        }
      }
    } else if (listType.equals("map")) {
      Map<String, JsonNode> key = new HashMap<>();
      schema.path("x-kubernetes-list-map-keys").forEach(k -> key.put(k.asText(), item.get(k.asText())));
      for (JsonNode oldItem : oldItems) {
        if (key.entrySet().stream().allMatch(k -> Objects.equals(oldItem.get(k.getKey()), k.getValue()))) {
          return oldItem;
        }
      }
    }
    return null;
  }

  private static String child(String path, String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + name : path + "['" + name + "']";
  }

  private static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The object a YAML document describes, for tests that build one in code. */
  public static ObjectNode object(String yaml) {
    return (ObjectNode) parseYaml(yaml).get(0);
  }
}
