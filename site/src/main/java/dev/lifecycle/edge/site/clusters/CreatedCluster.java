package dev.lifecycle.edge.site.clusters;

import java.util.List;

/**
 * A cluster the site created.
 *
 * @param name its name
 * @param definition the digest of the definition it was created from
 * @param profile the ClusterProfile it runs
 * @param version that profile's version
 * @param controlPlaneHosts the hosts given to it as control-plane hosts
 * @param workerHosts the hosts given to it as workers
 * @param variablesSecret the Secret holding its sensitive values, or null when it has none
 */
public record CreatedCluster(String name, String definition, String profile, String version,
    List<String> controlPlaneHosts, List<String> workerHosts, String variablesSecret) {
}
