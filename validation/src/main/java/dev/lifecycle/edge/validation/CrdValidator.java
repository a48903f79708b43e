package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Admits a custom resource the way kube-apiserver does on create and update, against one CRD: nulls dropped,
 * defaults applied, unknown fields pruned (and named), the structural schema checked with a JSON Schema library,
 * then, unless the schema found the object malformed, every {@code x-kubernetes-validations} rule evaluated with
 * cel-java where it is declared (transition rules, those using oldSelf, only on update and only where an old value
 * exists). On update, errors on values the update left unchanged are ratcheted away ({@link Ratcheting}).
 * Errors are {@link FieldError}s worded as the API server words them. Thread-safe; build one per CRD and
 * keep it: building compiles the schema and every rule.
 */
public final class CrdValidator {

  /** Told the outcome of every rule evaluated, so a test can see each rule both pass and fail. */
  public interface RuleObserver {
    RuleObserver NONE = (rule, passed) -> { };

    void evaluated(CelRule rule, boolean passed);
  }

  /** What the write touches: the whole object, or only its status (the status subresource). */
  public enum Scope {
    OBJECT,
    STATUS
  }

  /**
   * The outcome of a write: the object to store (defaults applied, unknown fields pruned), the unknown fields it
   * had, and the errors that refuse it (none when it is valid).
   */
  public record Admission(ObjectNode object, List<String> unknownFields, List<FieldError> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final JsonNode crd;
  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;
  private final List<CelRule> rules;
  /** The compiled rules of each schema node that declares some, by identity of the node. */
  private final Map<JsonNode, List<CelRules.Compiled>> compiled = new IdentityHashMap<>();
  /** Rules that do not compile, reported on every object as the API server would have refused the CRD. */
  private final Map<CelRule, String> broken = new HashMap<>();

  public CrdValidator(JsonNode crd) {
    this.crd = crd;
    this.openApiSchema = CelRules.openApiSchema(crd);
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .locale(Locale.ENGLISH)
        .pathType(PathType.JSON_PATH)
        .build();
    this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(StructuralSchemas.toJsonSchema(openApiSchema), config);
    this.rules = CelRules.rulesOf(crd);
    for (CelRule rule : rules) {
      try {
        compiled.computeIfAbsent(rule.schema(), s -> new ArrayList<>()).add(CelRules.compile(rule));
      } catch (CelValidationException | IllegalArgumentException e) {
        broken.put(rule, e.getMessage());
      }
    }
  }

  public JsonNode crd() {
    return crd;
  }

  public List<CelRule> rules() {
    return rules;
  }

  /** The kind it validates, such as EdgeCluster. */
  public String kind() {
    return crd.path("spec").path("names").path("kind").asText();
  }

  /** The API group, such as edge.lifecycle.dev. */
  public String group() {
    return crd.path("spec").path("group").asText();
  }

  /** Validates a create. */
  public List<FieldError> validate(JsonNode object) {
    return admit(null, object, Scope.OBJECT, RuleObserver.NONE).errors();
  }

  /** Validates an update from oldObject to object. */
  public List<FieldError> validateUpdate(JsonNode oldObject, JsonNode object) {
    return admit(oldObject, object, Scope.OBJECT, RuleObserver.NONE).errors();
  }

  /**
   * Admits a create (oldObject null) or an update. With {@link Scope#STATUS}, only errors in the status count, as
   * on a write to the status subresource. The objects given are not changed.
   */
  public Admission admit(JsonNode oldObject, JsonNode object, Scope scope, RuleObserver observer) {
    ObjectNode current = prepare(object);
    List<String> unknown = StructuralSchemas.pruneUnknownFields(openApiSchema, current);
    JsonNode old = null;
    if (oldObject != null) {
      old = prepare(oldObject);
      StructuralSchemas.pruneUnknownFields(openApiSchema, old);
    }

    List<ValidationMessage> messages = new ArrayList<>(jsonSchema.validate(current));
    if (old != null) {
      JsonNode before = old;
      messages.removeIf(m -> Ratcheting.unchanged(openApiSchema, current, before, m.getInstanceLocation()));
    }
    List<FieldError> errors = new ArrayList<>(inScope(SchemaErrors.of(messages), scope));
    errors.sort(Comparator.comparing(FieldError::fieldText).thenComparing(FieldError::body));
    if (errors.stream().anyMatch(e -> e.type().blocksRules())) {
      errors.add(FieldError.RULES_NOT_CHECKED);
      return new Admission(current, unknown, List.copyOf(errors));
    }
    List<FieldError> ruleErrors = new ArrayList<>();
    broken.forEach((rule, problem) -> ruleErrors.add(new FieldError(FieldError.Type.INVALID, null, "object",
        "rule does not compile: " + rule.rule() + ": " + problem)));
    walk(openApiSchema, current, old, current.equals(old), null, true, ruleErrors, observer);
    errors.addAll(inScope(ruleErrors, scope));
    return new Admission(current, unknown, List.copyOf(errors));
  }

  private static List<FieldError> inScope(List<FieldError> errors, Scope scope) {
    if (scope == Scope.OBJECT) {
      return errors;
    }
    return errors.stream().filter(e -> e.field() != null
        && (e.field().equals("status") || e.field().startsWith("status.") || e.field().startsWith("status["))).toList();
  }

  private ObjectNode prepare(JsonNode object) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    StructuralSchemas.dropNulls(openApiSchema, copy);
    StructuralSchemas.applyDefaults(openApiSchema, copy);
    return copy;
  }

  /**
   * Evaluates the rules of one schema node on its value, then descends into the value's children. A value equal to
   * the old value at its place ({@link Ratcheting}) is not held to its rules again, except to transition rules.
   */
  private void walk(JsonNode schema, JsonNode value, JsonNode old, boolean unchanged, String path, boolean root,
      List<FieldError> errors, RuleObserver observer) {
    if (schema == null || value == null) {
      return;
    }
    List<CelRules.Compiled> rulesHere = compiled.getOrDefault(schema, List.of());
    if (!rulesHere.isEmpty()) {
      // Every rule of a node sees the same self (and oldSelf): converted once, oldSelf only for transition rules.
      Object self = CelRules.toCel(value, schema, root);
      Object oldSelf = old == null || rulesHere.stream().noneMatch(CelRules.Compiled::isTransition) ? null
          : CelRules.toCel(old, schema, root);
      for (CelRules.Compiled rule : rulesHere) {
        if (unchanged && !rule.isTransition()) {
          continue;
        }
        evaluate(rule, self, rule.isTransition() ? oldSelf : null, path, errors, observer);
      }
    }
    if (value.isObject() && !StructuralSchemas.preservesUnknownFields(schema)) {
      boolean map = !schema.has("properties") && StructuralSchemas.mapValues(schema) != null;
      value.fields().forEachRemaining(field -> {
        JsonNode fieldSchema = root && StructuralSchemas.ROOT_FIELDS.contains(field.getKey())
            ? null : CelRules.fieldSchema(schema, field.getKey());
        JsonNode oldField = old != null && old.isObject() ? old.get(field.getKey()) : null;
        String fieldPath = map ? (path == null ? "" : path) + "[" + field.getKey() + "]"
            : path == null ? field.getKey() : path + "." + field.getKey();
        walk(fieldSchema, field.getValue(), oldField, field.getValue().equals(oldField), fieldPath, false, errors,
            observer);
      });
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        walk(schema.get("items"), item, correlatedItem(schema, item, old),
            item.equals(Ratcheting.correlatedItem(schema, item, old)), (path == null ? "" : path) + "[" + i + "]",
            false, errors, observer);
      }
    }
  }

  private void evaluate(CelRules.Compiled compiled, Object self, Object oldSelf, String path,
      List<FieldError> errors, RuleObserver observer) {
    CelRule rule = compiled.rule();
    if (compiled.isTransition() && oldSelf == null) {
      return;
    }
    String where = rule.fieldPath() == null ? path
        : (path == null ? "" : path) + (rule.fieldPath().startsWith(".") || path == null
            ? rule.fieldPath().replaceFirst("^\\.", path == null ? "" : ".") : rule.fieldPath());
    Object type = rule.schema().path("type").asText("");
    try {
      Object result = CelRules.evaluate(compiled.program(), self, oldSelf);
      if (!(result instanceof Boolean passed)) {
        errors.add(new FieldError(FieldError.Type.INVALID, where, type,
            "rule did not evaluate to a bool: " + rule.rule()));
        return;
      }
      observer.evaluated(rule, passed);
      if (!passed) {
        errors.add(new FieldError(FieldError.Type.INVALID, where, type, message(compiled, self, oldSelf)));
      }
    } catch (CelEvaluationException e) {
      errors.add(new FieldError(FieldError.Type.INVALID, where, type,
          "rule could not be evaluated: " + rule.rule() + ": " + e.getMessage()));
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
}
