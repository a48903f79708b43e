package dev.lifecycle.edge.api.v1alpha1;

/** The three values a condition's status takes, spelled as Kubernetes spells them. */
public enum ConditionStatus {
  True, False, Unknown;

  public static ConditionStatus of(String value) {
    return valueOf(value);
  }
}
