package dev.lifecycle.edge.operator.token;

import java.util.Objects;
import java.util.Optional;

/**
 * What the operator puts into every token's user-data unless the token's {@code spec.userData} says
 * otherwise.
 *
 * @param gatewayUrl the gateway's URL as reachable from the sites (--gateway-url)
 * @param gatewayCa PEM certificates the agent trusts for the gateway's TLS; empty: the host's usual CAs
 * @param agentUrl where hosts download edge-agent.jar (--agent-url); empty: the image carries it
 * @param packaging the agent's unit and install script
 */
public record UserDataDefaults(String gatewayUrl, Optional<String> gatewayCa, Optional<String> agentUrl,
    AgentPackaging packaging) {

  public UserDataDefaults {
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(gatewayCa, "gatewayCa");
    Objects.requireNonNull(agentUrl, "agentUrl");
    Objects.requireNonNull(packaging, "packaging");
  }
}
