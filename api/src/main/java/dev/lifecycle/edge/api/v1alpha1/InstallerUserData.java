package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Defaults an installer carries to every host it installs: where to register, where the agent comes
 * from, users, network.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InstallerUserData {

  @Size(max = 2048)
  @ValidationRule(value = "self.matches('^https?://[^ ]+$')",
      message = "gatewayUrl must be an http:// or https:// URL")
  @JsonPropertyDescription("URL of the operator's gateway that hosts register with, as reachable from the "
      + "sites. Defaults to the gateway URL the operator is configured with.")
  private String gatewayUrl;

  @Size(max = 2048)
  @ValidationRule(value = "self.matches('^https?://[^ ]+$')",
      message = "agentUrl must be an http:// or https:// URL")
  @JsonPropertyDescription("URL the host downloads edge-agent.jar from on first boot: the rendered user-data's "
      + "runcmd runs install-edge-agent.sh --agent-url with it. Defaults to the operator's --agent-url (Helm "
      + "value agent.url); when both are unset, the installer image must carry /opt/edge-agent/edge-agent.jar.")
  private String agentUrl;

  @Size(max = 16)
  @JsonPropertyDescription("Local users created on every host, for break-glass access at the site.")
  private List<UserAccount> users = new ArrayList<>();

  @JsonPropertyDescription("Network defaults for hosts that get no site-specific settings.")
  private NetworkDefaults network;

  @JsonPropertyDescription("An ImageRegistry of this namespace: the rendered user-data carries its endpoint, CA, "
      + "mapping rules and credentials (the user-data is a Secret already: it holds the token), so the installer "
      + "can pull through it before the host has a plan.")
  private ObjectNameReference registryRef;

  public ObjectNameReference getRegistryRef() {
    return registryRef;
  }

  public void setRegistryRef(ObjectNameReference registryRef) {
    this.registryRef = registryRef;
  }

  public String getGatewayUrl() {
    return gatewayUrl;
  }

  public void setGatewayUrl(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  public String getAgentUrl() {
    return agentUrl;
  }

  public void setAgentUrl(String agentUrl) {
    this.agentUrl = agentUrl;
  }

  public List<UserAccount> getUsers() {
    return users;
  }

  public void setUsers(List<UserAccount> users) {
    this.users = users == null ? new ArrayList<>() : users;
  }

  public NetworkDefaults getNetwork() {
    return network;
  }

  public void setNetwork(NetworkDefaults network) {
    this.network = network;
  }
}
