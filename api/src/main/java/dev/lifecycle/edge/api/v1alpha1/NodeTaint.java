package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A taint a host's Kubernetes node gets when it joins. The effect is a plain string held to the three
 * Kubernetes effects by a CEL rule, not an enum: an unknown effect in a stored object stays readable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeTaint {

  @Required
  @Size(min = 1, max = 316)
  @ValidationRule(value = "self.matches('" + Validation.LABEL_KEY_REGEX + "')",
      message = "taint key must be a qualified name such as dedicated or example.com/gpu")
  @JsonPropertyDescription("Taint key, a qualified name such as dedicated or example.com/gpu.")
  private String key;

  @Size(max = 63)
  @ValidationRule(value = "self.matches('" + Validation.LABEL_VALUE_REGEX + "')",
      message = "taint value must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
          + "letter or digit")
  @JsonPropertyDescription("Taint value; may be empty.")
  private String value;

  @Required
  @ValidationRule(value = "self in ['NoSchedule', 'PreferNoSchedule', 'NoExecute']",
      message = "taint effect must be NoSchedule, PreferNoSchedule or NoExecute")
  @JsonPropertyDescription("What the taint does to pods that do not tolerate it: NoSchedule, PreferNoSchedule or "
      + "NoExecute.")
  private String effect;

  public NodeTaint() {
  }

  public NodeTaint(String key, String value, String effect) {
    this.key = key;
    this.value = value;
    this.effect = effect;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public String getEffect() {
    return effect;
  }

  public void setEffect(String effect) {
    this.effect = effect;
  }
}
