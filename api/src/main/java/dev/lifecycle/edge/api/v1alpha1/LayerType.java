package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a profile layer installs. Serialized in lower case, as users write it. */
public enum LayerType {
  OS, KUBERNETES, CNI, CSI, ADDON;

  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LayerType fromValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
