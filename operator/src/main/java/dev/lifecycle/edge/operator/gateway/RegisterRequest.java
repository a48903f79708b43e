package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import java.util.Map;

/**
 * The body of {@code POST /v1/register}. {@link #toString()} leaves the token out, so that no log
 * line can carry it by accident.
 */
record RegisterRequest(String token, String machineId, String hostname, HostInventory inventory, SiteSettings site,
    Map<String, String> labels) {

  Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }

  @Override
  public String toString() {
    return "RegisterRequest[machineId=" + machineId + ", hostname=" + hostname + "]";
  }
}
