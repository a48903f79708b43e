package dev.lifecycle.edge.site.clusters;

import java.util.Map;

/**
 * What a person asks for when updating a cluster at the site to another definition version.
 *
 * @param cluster the cluster's name
 * @param definition the digest of a kept definition (the one the cluster came from, or a newer one)
 * @param version a version of that definition: its object name or its version
 * @param variables values to change or add, by name; the cluster's other values are kept
 */
public record UpdateClusterRequest(String cluster, String definition, String version, Map<String, String> variables) {

  @Override
  public String toString() {
    return "UpdateClusterRequest[cluster=" + cluster + ", definition=" + definition + ", version=" + version
        + ", variables=" + (variables == null ? "none" : variables.keySet()) + "]";
  }
}
