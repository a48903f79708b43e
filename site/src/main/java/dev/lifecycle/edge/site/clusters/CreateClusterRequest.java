package dev.lifecycle.edge.site.clusters;

import java.util.List;
import java.util.Map;

/**
 * What a person asks for when creating a cluster at the site.
 *
 * @param name the cluster's name (a DNS-1123 label, at most 63 characters)
 * @param definition the digest of a kept definition
 * @param version a version of the definition: its object name ({@code retail-1.5.0}) or version ({@code 1.5.0})
 * @param variables values of the version's variables, by name (sensitive ones too: the site keeps them in a Secret)
 * @param hosts the linked hosts chosen and their roles
 * @param network the cluster's network settings, or null for the defaults
 */
public record CreateClusterRequest(String name, String definition, String version, Map<String, String> variables,
    List<HostChoice> hosts, NetworkSettings network) {

  /** One chosen host: its name and role, {@code control-plane} or {@code worker}. */
  public record HostChoice(String host, String role) {
  }

  /**
   * @param controlPlaneEndpoint the virtual IP the control plane answers on, or null for the first host's address
   * @param podCidr the range pod addresses come from, or null for the default
   * @param serviceCidr the range service addresses come from, or null for the default
   */
  public record NetworkSettings(String controlPlaneEndpoint, String podCidr, String serviceCidr) {
  }

  @Override
  public String toString() {
    // Values are left out: sensitive ones are among them.
    return "CreateClusterRequest[name=" + name + ", definition=" + definition + ", version=" + version
        + ", variables=" + (variables == null ? "none" : variables.keySet()) + ", hosts=" + hosts + ", network="
        + network + "]";
  }
}
