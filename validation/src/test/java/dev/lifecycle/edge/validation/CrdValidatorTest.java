package dev.lifecycle.edge.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A small CRD of its own, so each step of admission is seen on its own: defaults, pruning, scope, transitions. */
class CrdValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CRD = """
      {"metadata": {"name": "widgets.test.dev"},
       "spec": {"group": "test.dev", "names": {"kind": "Widget", "plural": "widgets"},
        "versions": [{"name": "v1", "schema": {"openAPIV3Schema": {
          "type": "object",
          "properties": {
            "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
            "spec": {"type": "object", "required": ["size"],
              "x-kubernetes-validations": [{"rule": "self.size == oldSelf.size", "message": "size is immutable"}],
              "properties": {
                "size": {"type": "integer", "minimum": 1},
                "color": {"type": "string", "default": "blue", "enum": ["blue", "red"]},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "ports": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                  "items": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"}, "number": {"type": "integer", "maximum": 65535}}}},
                "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}},
                "limits": {"type": "object", "required": ["max"], "properties": {
                  "min": {"type": "integer"}, "max": {"type": "integer"}}}}},
            "status": {"type": "object", "properties": {
              "phase": {"type": "string", "x-kubernetes-validations": [
                {"rule": "self in ['Ready', 'Failed']", "message": "phase must be Ready or Failed"}]}}}}}}}]}}
      """;

  private final CrdValidator validator = new CrdValidator(json(CRD));

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private CrdValidator.Admission admit(String old, String object, CrdValidator.Scope scope) {
    return validator.admit(old == null ? null : json(old), json(object), scope, CrdValidator.RuleObserver.NONE);
  }

  @Test
  @DisplayName("When an object leaves out a default and has unknown fields, then the default is set, the unknown "
      + "fields are pruned and named, and what preserves unknown fields keeps them")
  void defaultsAndPruning() {
    CrdValidator.Admission admission = admit(null, """
        {"kind": "Widget", "metadata": {"name": "w"}, "spec": {"size": 2, "colour": "red", "extra": {"any": 1}},
         "stray": true}""", CrdValidator.Scope.OBJECT);

    assertThat(admission.valid()).isTrue();
    assertThat(admission.object().path("spec").path("color").asText()).isEqualTo("blue");
    assertThat(admission.object().path("spec").has("colour")).isFalse();
    assertThat(admission.object().has("stray")).isFalse();
    assertThat(admission.object().path("spec").path("extra").path("any").asInt()).isEqualTo(1);
    assertThat(admission.unknownFields()).containsExactlyInAnyOrder("spec.colour", "stray");
  }

  @Test
  @DisplayName("When a schema error blocks the rules, then the API server's note says so and no rule is evaluated")
  void blockingErrors() {
    List<FieldError> errors = admit("""
        {"spec": {"size": 2}}""", """
        {"spec": {"size": 3, "color": "green"}}""", CrdValidator.Scope.OBJECT).errors();

    assertThat(errors).extracting(FieldError::toString).containsExactly(
        "spec.color: Unsupported value: \"green\": supported values: \"blue\", \"red\"",
        FieldError.RULES_NOT_CHECKED.toString());
  }

  @Test
  @DisplayName("When a transition rule fails on update, then the error is the rule's message at its field; on "
      + "create it is not evaluated")
  void transitionRules() {
    assertThat(admit(null, "{\"spec\": {\"size\": 3}}", CrdValidator.Scope.OBJECT).errors()).isEmpty();

    assertThat(admit("{\"spec\": {\"size\": 2}}", "{\"spec\": {\"size\": 3}}", CrdValidator.Scope.OBJECT)
        .errors()).extracting(FieldError::toString)
        .containsExactly("spec: Invalid value: \"object\": size is immutable");
  }

  @Test
  @DisplayName("When the status is written, then only errors in the status count")
  void statusScope() {
    String old = "{\"spec\": {\"size\": 0}}";
    String object = "{\"spec\": {\"size\": 0}, \"status\": {\"phase\": \"Broken\"}}";

    assertThat(admit(old, object, CrdValidator.Scope.STATUS).errors()).extracting(FieldError::toString)
        .containsExactly("status.phase: Invalid value: \"string\": phase must be Ready or Failed");
    assertThat(admit(null, object, CrdValidator.Scope.OBJECT).errors()).extracting(FieldError::toString)
        .contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1");
  }

  @Test
  @DisplayName("When an object stored before a stricter schema is updated elsewhere, then its unchanged invalid "
      + "field does not refuse the update; changed, it does")
  void ratchetingSchemaErrors() {
    String stored = "{\"metadata\": {\"name\": \"w\"}, \"spec\": {\"size\": 0}}";

    assertThat(admit(stored, "{\"metadata\": {\"name\": \"w\", \"finalizers\": [\"f\"]}, \"spec\": {\"size\": 0}}",
        CrdValidator.Scope.OBJECT).errors()).isEmpty();
    assertThat(admit(stored, "{\"metadata\": {\"name\": \"w\"}, \"spec\": {\"size\": 0, \"color\": \"red\"}}",
        CrdValidator.Scope.OBJECT).errors()).isEmpty();
    assertThat(admit(stored, "{\"metadata\": {\"name\": \"w\"}, \"spec\": {\"size\": -1}}",
        CrdValidator.Scope.OBJECT).errors()).extracting(FieldError::toString).contains(
        "spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 1");
  }

  @Test
  @DisplayName("When a required field was already missing, then an update that leaves its object unchanged is "
      + "admitted and one that changes the object is refused")
  void ratchetingRequired() {
    String stored = "{\"spec\": {\"size\": 1, \"limits\": {\"min\": 1}}}";

    assertThat(admit(stored, "{\"spec\": {\"size\": 1, \"color\": \"red\", \"limits\": {\"min\": 1}}}",
        CrdValidator.Scope.OBJECT).errors()).isEmpty();
    assertThat(admit(stored, "{\"spec\": {\"size\": 1, \"limits\": {\"min\": 2}}}", CrdValidator.Scope.OBJECT)
        .errors()).extracting(FieldError::toString).containsExactly("spec.limits.max: Required value",
            FieldError.RULES_NOT_CHECKED.toString());
  }

  @Test
  @DisplayName("When a value that breaks a rule is unchanged, then the rule is not held against the update; a "
      + "transition rule still is")
  void ratchetingRules() {
    String stored = "{\"spec\": {\"size\": 2}, \"status\": {\"phase\": \"Broken\"}}";

    assertThat(admit(stored, "{\"spec\": {\"size\": 2, \"color\": \"red\"}, \"status\": {\"phase\": \"Broken\"}}",
        CrdValidator.Scope.OBJECT).errors()).isEmpty();
    assertThat(admit(stored, "{\"spec\": {\"size\": 2}, \"status\": {\"phase\": \"Lost\"}}",
        CrdValidator.Scope.STATUS).errors()).extracting(FieldError::toString)
        .containsExactly("status.phase: Invalid value: \"string\": phase must be Ready or Failed");
    assertThat(admit(stored, "{\"spec\": {\"size\": 3}, \"status\": {\"phase\": \"Broken\"}}",
        CrdValidator.Scope.OBJECT).errors()).extracting(FieldError::toString)
        .containsExactly("spec: Invalid value: \"object\": size is immutable");
  }

  @Test
  @DisplayName("When a status is written on an object whose spec broke a stricter schema, then the write is "
      + "admitted: the status subresource is judged on its status")
  void statusWriteOnInvalidSpec() {
    String stored = "{\"spec\": {\"size\": 0, \"color\": \"green\"}}";

    assertThat(admit(stored, "{\"spec\": {\"size\": 0, \"color\": \"green\"}, \"status\": {\"phase\": \"Ready\"}}",
        CrdValidator.Scope.STATUS).errors()).isEmpty();
  }

  @Test
  @DisplayName("When list items are compared with their old values, then a map list's item is found by its key "
      + "wherever it moved, and an atomic list's items only count as unchanged with their whole list")
  void ratchetingLists() {
    String stored = """
        {"spec": {"size": 1, "ports": [{"name": "a", "number": 70000}, {"name": "b", "number": 1}],
         "tags": ["long"]}}""";

    assertThat(admit(stored, """
        {"spec": {"size": 1, "ports": [{"name": "b", "number": 2}, {"name": "a", "number": 70000}],
         "tags": ["long"]}}""", CrdValidator.Scope.OBJECT).errors()).isEmpty();
    assertThat(admit(stored, """
        {"spec": {"size": 1, "ports": [{"name": "a", "number": 70000}], "tags": ["long", "x"]}}""",
        CrdValidator.Scope.OBJECT).errors()).extracting(FieldError::toString)
        .contains("spec.tags[0]: Too long: may not be longer than 3");
    assertThat(admit(stored, """
        {"spec": {"size": 1, "ports": [{"name": "a", "number": 70001}], "tags": ["long"]}}""",
        CrdValidator.Scope.OBJECT).errors()).extracting(FieldError::toString).containsExactly(
        "spec.ports[0].number: Invalid value: 70001: spec.ports[0].number in body should be less than or equal to "
            + "65535");
  }
}
