package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** One term of a label selector: a key, an operator and values. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "(self.operator == 'In' || self.operator == 'NotIn') == "
    + "(has(self.values) && self.values.size() > 0)",
    message = "In and NotIn need at least one value; Exists and DoesNotExist take none")
public class LabelRequirement {

  /** The operators of a label requirement. */
  public enum Operator {
    In, NotIn, Exists, DoesNotExist
  }

  @Required
  @Size(min = 1, max = 317)
  @JsonPropertyDescription("The label key the term is about.")
  private String key;

  @Required
  @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
  private Operator operator;

  @Size(max = 64)
  @JsonPropertyDescription("Values for In and NotIn; empty for Exists and DoesNotExist.")
  private List<@Size(max = 63) String> values = new ArrayList<>();

  public LabelRequirement() {
  }

  public LabelRequirement(String key, Operator operator, List<String> values) {
    this.key = key;
    this.operator = operator;
    this.values = values;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public Operator getOperator() {
    return operator;
  }

  public void setOperator(Operator operator) {
    this.operator = operator;
  }

  public List<String> getValues() {
    return values;
  }

  public void setValues(List<String> values) {
    this.values = values == null ? new ArrayList<>() : values;
  }
}
