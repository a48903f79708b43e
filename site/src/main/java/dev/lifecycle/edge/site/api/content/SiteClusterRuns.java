package dev.lifecycle.edge.site.api.content;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the clusters of the site's namespace run ({@link BundleUsage#runs}), read from the API. Reading fails with an
 * exception, never with an empty list, when the API cannot be read: nothing is then deleted as unused by mistake.
 */
public final class SiteClusterRuns implements Supplier<List<BundleUsage.ClusterRun>> {

  private final KubernetesClient client;
  private final String namespace;

  public SiteClusterRuns(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public List<BundleUsage.ClusterRun> get() {
    List<ClusterProfile> profiles = client.resources(ClusterProfile.class).inNamespace(namespace).list().getItems();
    List<EdgeCluster> clusters = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems();
    return BundleUsage.runs(clusters, profiles);
  }
}
