package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ObjectNameReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Creates a cluster at the site from a kept definition: decides everything with {@link ClusterCreationPlan}, then
 * writes the definition's profile versions (if the store lost them), the cluster's site Secret, the labels that pin
 * the chosen hosts, and the EdgeCluster last. A step that fails undoes the steps before it, so a refused creation
 * leaves the site as it was. Creations are serialised with each other and with keeping and deleting definitions: two
 * cannot be given the same host, and a definition is not deleted as a cluster starts to use it.
 */
public final class ClusterCreation {

  private final KubernetesClient client;
  private final String namespace;
  private final SiteDefinitions definitions;
  private final VariableSecretWriter secrets;
  private final Supplier<Optional<String>> registry;

  public ClusterCreation(KubernetesClient client, String namespace, SiteDefinitions definitions) {
    this(client, namespace, definitions, Optional::empty);
  }

  /**
   * @param registry the ImageRegistry of the namespace every new cluster pulls through ({@code spec.registryRef}),
   *     asked for as each cluster is written (the site's mirror, brought up to date then); empty for none
   */
  public ClusterCreation(KubernetesClient client, String namespace, SiteDefinitions definitions,
      Supplier<Optional<String>> registry) {
    this.client = client;
    this.namespace = namespace;
    this.definitions = definitions;
    this.secrets = new VariableSecretWriter(client, namespace);
    this.registry = registry;
  }

  /** The linked hosts, as the planner sees them (what a form offers). */
  public List<HostCandidate> hosts() {
    Set<String> clusters = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .map(h -> HostCandidate.of(h, clusters)).toList();
  }

  /**
   * @throws RequestRefused 404 for an unknown definition, 409 for a name taken or a host taken meanwhile, 422 for
   *     what the planner refuses (every problem named) or the API refuses; nothing is left changed
   */
  public CreatedCluster create(CreateClusterRequest request) throws RequestRefused, IOException {
    synchronized (definitions.lock()) {
      KeptDefinition definition = definitions.get(request.definition());
      if (request.name() != null
          && client.resources(EdgeCluster.class).inNamespace(namespace).withName(request.name()).get() != null) {
        throw new RequestRefused(RequestRefused.CONFLICT, "ClusterExists", "a cluster " + request.name()
            + " exists at the site already; choose another name");
      }
      ClusterCreationPlan plan = ClusterCreationPlan.plan(definition, request, hosts());
      String name = plan.cluster().getMetadata().getName();
      List<String> createdProfiles = definitions.apply(definition);
      VariableSecretWriter.Before secretBefore = null;
      Map<String, Map<String, String>> labelled = new LinkedHashMap<>();
      try {
        if (!plan.secretValues().isEmpty()) {
          secretBefore = secrets.write(name, plan.secretName(), plan.secretValues(), true);
        }
        for (Map.Entry<String, HostRole> host : plan.roles().entrySet()) {
          labelled.put(host.getKey(), pin(host.getKey(), name, host.getValue()));
        }
        EdgeCluster cluster = plan.cluster();
        cluster.getMetadata().setNamespace(namespace);
        registry.get().ifPresent(mirror -> cluster.getSpec().setRegistryRef(new ObjectNameReference(mirror)));
        EdgeCluster created;
        try {
          created = client.resource(cluster).create();
        } catch (KubernetesClientException e) {
          throw new RequestRefused(e.getCode() == RequestRefused.CONFLICT ? RequestRefused.CONFLICT
              : RequestRefused.UNPROCESSABLE, "ClusterRefused", "the site's API refused the cluster " + name + ": "
              + ApiMessages.of(e));
        }
        if (secretBefore != null) {
          own(plan.secretName(), created);
        }
        ClusterProfile profile = definition.version(request.version()).orElseThrow();
        return new CreatedCluster(name, definition.digest(), profile.getMetadata().getName(),
            profile.getSpec().getVersion(), plan.controlPlaneHosts(), plan.workerHosts(),
            secretBefore == null ? null : plan.secretName());
      } catch (RequestRefused | RuntimeException e) {
        labelled.forEach(this::unpin);
        if (secretBefore != null) {
          secrets.restore(plan.secretName(), secretBefore);
        }
        createdProfiles.forEach(p -> client.resources(ClusterProfile.class).inNamespace(namespace).withName(p)
            .delete());
        throw e;
      }
    }
  }

  /**
   * Labels a host for the cluster, only if it is still Available and nobody's, with its resourceVersion as read so
   * that a concurrent change (a claim by the operator) refuses instead of being overwritten.
   *
   * @return the host's labels before
   */
  private Map<String, String> pin(String host, String cluster, HostRole role) throws RequestRefused {
    EdgeHost current = client.resources(EdgeHost.class).inNamespace(namespace).withName(host).get();
    Set<String> clusters = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    String why = current == null ? "host " + host + " is no longer linked to the site"
        : HostCandidate.of(current, clusters).unavailableBecause();
    if (why != null) {
      throw new RequestRefused(RequestRefused.CONFLICT, "HostTaken", why + "; the cluster " + cluster
          + " was not created");
    }
    Map<String, String> before = current.getMetadata().getLabels() == null ? Map.of()
        : new LinkedHashMap<>(current.getMetadata().getLabels());
    Map<String, String> labels = new LinkedHashMap<>(before);
    labels.putAll(ClusterCreationPlan.hostLabels(cluster, role));
    current.getMetadata().setLabels(labels);
    try {
      client.resource(current).update();
    } catch (KubernetesClientException e) {
      throw new RequestRefused(RequestRefused.CONFLICT, "HostTaken", "host " + host + " changed while it was being "
          + "given to cluster " + cluster + " (" + ApiMessages.of(e) + "); the cluster was not created: try again");
    }
    return before;
  }

  private void unpin(String host, Map<String, String> before) {
    try {
      client.resources(EdgeHost.class).inNamespace(namespace).withName(host).edit(h -> {
        Map<String, String> labels = new LinkedHashMap<>(h.getMetadata().getLabels() == null ? Map.of()
            : h.getMetadata().getLabels());
        labels.remove(SiteLabels.CLUSTER);
        labels.remove(SiteLabels.ROLE);
        if (before.containsKey(SiteLabels.CLUSTER)) {
          labels.put(SiteLabels.CLUSTER, before.get(SiteLabels.CLUSTER));
        }
        if (before.containsKey(SiteLabels.ROLE)) {
          labels.put(SiteLabels.ROLE, before.get(SiteLabels.ROLE));
        }
        h.getMetadata().setLabels(labels);
        return h;
      });
    } catch (KubernetesClientException e) {
      // The host is gone or unreachable: its labels name a cluster that does not exist, which reserves nothing.
    }
  }

  /** Makes the cluster own its Secret, so that deleting the cluster deletes its secret values. */
  private void own(String secret, EdgeCluster cluster) {
    client.secrets().inNamespace(namespace).withName(secret).edit(s -> {
      s.getMetadata().setOwnerReferences(new ArrayList<>(List.of(new OwnerReferenceBuilder()
          .withApiVersion(cluster.getApiVersion()).withKind(cluster.getKind()).withName(cluster.getMetadata().getName())
          .withUid(cluster.getMetadata().getUid()).build())));
      return s;
    });
  }
}
