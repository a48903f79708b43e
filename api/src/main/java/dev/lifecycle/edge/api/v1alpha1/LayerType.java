package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a profile layer installs. Serialized in lower case, as users write it. A type this operator does not
 * know (written against a newer CRD) is read as {@link #UNKNOWN}, so the profile stays readable and is
 * reported instead of stopping the operator's watch.
 */
public enum LayerType {
  OS, KUBERNETES, CNI, CSI, ADDON,
  /** A type this version of the operator does not know; never valid in the CRD, never written by the operator. */
  @JsonIgnore
  UNKNOWN;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LayerType fromValue(String value) {
    for (LayerType type : values()) {
      if (type != UNKNOWN && type.value().equalsIgnoreCase(value)) {
        return type;
      }
    }
    return UNKNOWN;
  }
}
