package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answer of {@code GET /v1/plan}, in the shape of {@code EdgeHost.status.plan}: what the operator
 * wants this host to run.
 *
 * @param generation increases with every change of the plan
 * @param action Init, Join, Upgrade or Reset
 * @param cluster the EdgeCluster the plan belongs to
 * @param role control-plane or worker
 * @param profile the ClusterProfile the layers come from
 * @param profileVersion the version of that profile
 * @param controlPlaneEndpoint where joining hosts reach the control plane
 * @param layers the layers to install, as the profile lists them
 * @param issuedAt when the operator issued the plan (RFC 3339); a rollout's hostTimeout counts from here
 * @param rollout the rollout that issued the plan, unset for formation and reset plans
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Plan(Long generation, String action, String cluster, String role, String profile,
    String profileVersion, String controlPlaneEndpoint, List<JsonNode> layers, String issuedAt, String rollout) {

  /** The action that wipes a host: simulated failures never apply to it. */
  public static final String RESET = "Reset";

  public Plan {
    layers = Copies.list(layers);
  }

  /** Whether this plan asks the host to leave its cluster. */
  public boolean isReset() {
    return RESET.equals(action);
  }

  /** The action with the profile and version it installs, as logs name a plan: "Upgrade edge 1.1.0", "Reset". */
  public String describe() {
    return Stream.of(action, profile, profileVersion).filter(Objects::nonNull)
        .collect(Collectors.joining(" "));
  }
}
