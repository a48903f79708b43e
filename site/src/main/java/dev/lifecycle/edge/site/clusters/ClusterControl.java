package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;

/** The site's view of its clusters' progress, and pausing and resuming their rollouts (spec.paused). */
public final class ClusterControl {

  private final KubernetesClient client;
  private final String namespace;

  public ClusterControl(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Every cluster of the site, by name. */
  public List<ClusterProgress> list() {
    return client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .map(ClusterProgress::of).sorted(Comparator.comparing(ClusterProgress::name)).toList();
  }

  /** @throws RequestRefused 404 for an unknown cluster */
  public ClusterProgress progress(String name) throws RequestRefused {
    return ClusterProgress.of(cluster(name));
  }

  /** Stops the cluster's rollout before its next batch (hosts at work finish their step). */
  public ClusterProgress pause(String name) throws RequestRefused {
    return setPaused(name, true);
  }

  /** Lets the cluster's rollout go on where it stopped. */
  public ClusterProgress resume(String name) throws RequestRefused {
    return setPaused(name, false);
  }

  private ClusterProgress setPaused(String name, boolean paused) throws RequestRefused {
    cluster(name);
    try {
      EdgeCluster edited = client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).edit(c -> {
        c.getSpec().setPaused(paused ? Boolean.TRUE : null);
        return c;
      });
      return ClusterProgress.of(edited);
    } catch (KubernetesClientException e) {
      throw new RequestRefused(e.getCode() == RequestRefused.NOT_FOUND ? RequestRefused.NOT_FOUND
          : RequestRefused.CONFLICT, "PauseRefused", "the cluster " + name + " could not be "
          + (paused ? "paused" : "resumed") + ": " + ApiMessages.of(e));
    }
  }

  private EdgeCluster cluster(String name) throws RequestRefused {
    EdgeCluster cluster = name == null ? null
        : client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
    if (cluster == null) {
      throw new RequestRefused(RequestRefused.NOT_FOUND, "ClusterNotFound", "no cluster " + name
          + " exists at the site");
    }
    return cluster;
  }
}
