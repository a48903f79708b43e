package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The role a host plays in its cluster, spelled {@code control-plane} or {@code worker}. */
public enum HostRole {
  CONTROL_PLANE("control-plane"), WORKER("worker");

  private final String value;

  HostRole(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static HostRole fromValue(String value) {
    for (HostRole role : values()) {
      if (role.value.equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + value + "': expected control-plane or worker");
  }

  @Override
  public String toString() {
    return value;
  }
}
