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
 * @param credentialSecret 32 random bytes (base64url, no padding) the agent drew for this registration: the
 *     credential the gateway issues ends with them, so the same registration sent again after its answer
 *     was lost proves it is the one that was carried out, and gets the same answer (optional; a secret, like
 *     the token)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegisterRequest(String token, String machineId, String hostname, Inventory inventory, Site site,
    Map<String, String> labels, String credentialSecret) {

  public RegisterRequest {
    labels = Copies.map(labels);
  }

  /** A registration without a secret of its own: the gateway draws the credential's secret. */
  public RegisterRequest(String token, String machineId, String hostname, Inventory inventory, Site site,
      Map<String, String> labels) {
    this(token, machineId, hostname, inventory, site, labels, null);
  }

  /** Never shows the token nor the credential's secret. */
  @Override
  public String toString() {
    return "RegisterRequest[machineId=" + machineId + ", hostname=" + hostname + ", labels=" + labels + "]";
  }
}
