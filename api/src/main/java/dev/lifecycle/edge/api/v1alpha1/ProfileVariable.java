package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A per-site value a profile's layers refer to as {@code ${vars.<name>}}; each EdgeCluster gives its own in
 * spec.variables.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!has(self.pattern) || !has(self.type) || self.type == 'string'",
    message = "pattern applies to variables of type string only")
@ValidationRule(value = "!has(self.sensitive) || !self.sensitive || !has(self.default)",
    message = "a sensitive variable takes no default: its value comes from a Secret named in each EdgeCluster")
@ValidationRule(value = "!has(self.default) || !has(self.type) || self.type != 'number' "
    + "|| self.default.matches('" + ProfileVariable.NUMBER_REGEX + "')",
    message = "the default of a number variable must be a number such as 42 or -1.5")
@ValidationRule(value = "!has(self.default) || !has(self.type) || self.type != 'boolean' "
    + "|| self.default in ['true', 'false']",
    message = "the default of a boolean variable must be true or false")
public class ProfileVariable {

  /** A number as a variable's value must be written: an optional sign, digits, an optional fraction. */
  public static final String NUMBER_REGEX = "^-?[0-9]+([.][0-9]+)?$";
  /** A variable's name: what a reference ${vars.NAME} may name. */
  public static final String NAME_REGEX = "^[A-Za-z_][A-Za-z0-9_]*$";

  @Required
  @Size(min = 1, max = 63)
  @ValidationRule(value = "self.matches('" + NAME_REGEX + "')",
      message = "variable name must start with a letter or '_' and hold only letters, digits and '_', "
          + "such as storeId or store_id")
  @JsonPropertyDescription("Name of the variable, unique within the profile, such as storeId. Layer values "
      + "refer to it as ${vars.storeId}; EdgeClusters give its value under spec.variables by this name.")
  private String name;

  @Size(max = 1024)
  @JsonPropertyDescription("What the variable means, for the people who fill in a cluster's values.")
  private String description;

  @JsonPropertyDescription("Type of the value: string (default), number or boolean. A value that does not "
      + "parse as its type stalls the cluster (VariableTypeMismatch). A reference that is a whole value "
      + "(replicas: ${vars.count}) becomes a JSON number or boolean; inside text it is written as text.")
  private VariableType type;

  @Size(max = 1024)
  @JsonPropertyDescription("A regular expression (Java syntax) a string value must match in full, such as "
      + "^[0-9]{4}$. A value that does not stalls the cluster (VariablePatternMismatch).")
  private String pattern;

  @JsonProperty("default")
  @Size(max = 4096)
  @JsonPropertyDescription("The value of a cluster that gives none, written as text (\"42\", \"true\"). "
      + "Not allowed on a sensitive variable.")
  private String defaultValue;

  @JsonPropertyDescription("Whether every cluster must give a value (when there is no default). A cluster "
      + "that gives none stalls with reason VariableRequired. An optional variable without a default or "
      + "value is the empty string inside text, and null as a whole value.")
  // Explicit: the @JsonIgnore on the isRequired() convenience would otherwise drop the property.
  @JsonProperty("required")
  private Boolean required;

  @JsonPropertyDescription("Whether the value is a secret. A cluster must then give it from a Secret "
      + "(valueFrom.secretKeyRef; a literal value stalls the cluster with reason SensitiveVariableLiteral), "
      + "and it never appears in any status, Event or log: hosts' plans in status keep the reference and "
      + "the gateway puts the value into the plan it hands the agent.")
  @JsonProperty("sensitive")
  private Boolean sensitive;

  public ProfileVariable() {
  }

  public ProfileVariable(String name, VariableType type) {
    this.name = name;
    this.type = type;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public VariableType getType() {
    return type;
  }

  public void setType(VariableType type) {
    this.type = type;
  }

  /** The type, string when unset. */
  @JsonIgnore
  public VariableType effectiveType() {
    return type == null ? VariableType.STRING : type;
  }

  public String getPattern() {
    return pattern;
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String getDefaultValue() {
    return defaultValue;
  }

  public void setDefaultValue(String defaultValue) {
    this.defaultValue = defaultValue;
  }

  public Boolean getRequired() {
    return required;
  }

  public void setRequired(Boolean required) {
    this.required = required;
  }

  @JsonIgnore
  public boolean isRequired() {
    return Boolean.TRUE.equals(required);
  }

  public Boolean getSensitive() {
    return sensitive;
  }

  public void setSensitive(Boolean sensitive) {
    this.sensitive = sensitive;
  }

  @JsonIgnore
  public boolean isSensitive() {
    return Boolean.TRUE.equals(sensitive);
  }
}
