package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code x-kubernetes-validations} entry of a CRD, where it is declared.
 *
 * @param crd         the CRD's name, such as clusterprofiles.edge.lifecycle.dev
 * @param schemaPath  where the rule sits in the schema, such as spec.layers[*].name
 * @param schema      the schema node that declares the rule (the type of {@code self})
 * @param rule        the CEL expression
 * @param message     the message the API server reports when the rule is false
 */
public record CelRule(String crd, String schemaPath, JsonNode schema, String rule, String message,
    String messageExpression, String fieldPath) {

  public static CelRule of(String crd, String schemaPath, JsonNode schema, JsonNode entry) {
    return new CelRule(crd, schemaPath, schema, entry.path("rule").asText(),
        entry.hasNonNull("message") ? entry.get("message").asText() : null,
        entry.hasNonNull("messageExpression") ? entry.get("messageExpression").asText() : null,
        entry.hasNonNull("fieldPath") ? entry.get("fieldPath").asText() : null);
  }

  /** What a person reads when the rule fails (the API server's fallback is the rule text itself). */
  public String failureMessage() {
    return message != null ? message : "failed rule: " + rule;
  }

  @Override
  public String toString() {
    return crd + " " + schemaPath + ": " + rule;
  }
}
