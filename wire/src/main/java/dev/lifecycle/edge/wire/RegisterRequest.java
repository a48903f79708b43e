package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Body of {@code POST /v1/register}.
 *
 * @param token the registration token from the installer user-data (required)
 * @param machineId the machine id, as in {@code EdgeHost.spec.machineId} (required)
 * @param hostname the host's name, used as the EdgeHost name when it is a free DNS-1123 label
 * @param inventory hardware and operating system
 * @param site the site settings the host was installed with
 * @param labels labels the agent asks for on a host the gateway creates
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegisterRequest(String token, String machineId, String hostname, Inventory inventory, Site site,
    Map<String, String> labels) {

  public RegisterRequest {
    labels = Copies.map(labels);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "RegisterRequest[machineId=" + machineId + ", hostname=" + hostname + ", labels=" + labels + "]";
  }
}
