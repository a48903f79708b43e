package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a profile variable's value must be: text, a number, or true/false. Serialized in lower case. */
public enum VariableType {
  @JsonProperty("string")
  STRING,
  @JsonProperty("number")
  NUMBER,
  @JsonProperty("boolean")
  BOOLEAN
}
