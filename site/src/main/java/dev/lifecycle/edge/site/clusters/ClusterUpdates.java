package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Updates a cluster at the site to another definition version: {@link #preview} says what would change and
 * changes nothing; {@link #apply} makes the same decision again on what the site holds then and, when nothing is
 * refused, switches the cluster's profile and values in one write (the operator rolls it out host by host).
 */
public final class ClusterUpdates {

  private final KubernetesClient client;
  private final String namespace;
  private final SiteDefinitions definitions;
  private final VariableSecretWriter secrets;

  public ClusterUpdates(KubernetesClient client, String namespace, SiteDefinitions definitions) {
    this.client = client;
    this.namespace = namespace;
    this.definitions = definitions;
    this.secrets = new VariableSecretWriter(client, namespace);
  }

  /** @throws RequestRefused 404 for an unknown cluster or definition; 409 when the cluster's profile is gone */
  public UpdatePreview preview(UpdateClusterRequest request) throws RequestRefused, IOException {
    return plan(request, cluster(request.cluster())).preview();
  }

  /**
   * Applies the update.
   *
   * @return the preview of what was applied
   * @throws RequestRefused 409 {@code UpdateRefused} with the preview's refusals, or when the cluster changed
   *     meanwhile; 404 as for {@link #preview}; nothing changed
   */
  public UpdatePreview apply(UpdateClusterRequest request) throws RequestRefused, IOException {
    synchronized (definitions.lock()) {
      EdgeCluster cluster = cluster(request.cluster());
      ClusterUpdatePlan plan = plan(request, cluster);
      if (!plan.preview().applicable()) {
        throw RequestRefused.all(RequestRefused.CONFLICT, "UpdateRefused", "the cluster " + request.cluster()
            + " was not updated", plan.preview().refused());
      }
      KeptDefinition definition = definitions.get(request.definition());
      definitions.apply(definition);
      String name = cluster.getMetadata().getName();
      VariableSecretWriter.Before before = plan.secretValues().isEmpty() ? null
          : secrets.write(name, plan.secretName(), plan.secretValues(), false);
      Map<String, String> annotations = new LinkedHashMap<>(cluster.getMetadata().getAnnotations() == null
          ? Map.of() : cluster.getMetadata().getAnnotations());
      String previous = annotations.get(SiteLabels.DEFINITION);
      if (previous != null && !previous.equals(definition.digest())) {
        annotations.put(SiteLabels.PREVIOUS_DEFINITION, previous);
      }
      annotations.put(SiteLabels.DEFINITION, definition.digest());
      cluster.getMetadata().setAnnotations(annotations);
      cluster.getSpec().setProfileRef(new ProfileReference(plan.target().getMetadata().getName()));
      cluster.getSpec().setVariables(new ArrayList<>(plan.variables()));
      try {
        // With the resourceVersion read: a change made since (by a person, or a pause) refuses instead of being lost.
        client.resource(cluster).update();
      } catch (KubernetesClientException e) {
        if (before != null) {
          secrets.restore(plan.secretName(), before);
        }
        throw new RequestRefused(e.getCode() == RequestRefused.CONFLICT ? RequestRefused.CONFLICT
            : RequestRefused.UNPROCESSABLE, "UpdateRefused", e.getCode() == RequestRefused.CONFLICT
            ? "the cluster " + name + " changed while it was being updated; preview the update again"
            : "the site's API refused the update of cluster " + name + ": " + ApiMessages.of(e));
      }
      return plan.preview();
    }
  }

  private ClusterUpdatePlan plan(UpdateClusterRequest request, EdgeCluster cluster)
      throws RequestRefused, IOException {
    KeptDefinition definition = definitions.get(request.definition());
    String profileName = cluster.getSpec().getProfileRef().getName();
    ClusterProfile current = client.resources(ClusterProfile.class).inNamespace(namespace).withName(profileName).get();
    if (current == null) {
      throw new RequestRefused(RequestRefused.CONFLICT, "ProfileMissing", "the cluster " + request.cluster()
          + " runs ClusterProfile " + profileName + ", which the site no longer holds; upload the definition that "
          + "holds it again");
    }
    return ClusterUpdatePlan.plan(cluster, current, definition, request, this::read);
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

  /** What a Secret key holds, as the operator reads it (only labelled Secrets count). */
  private VariableResolver.SecretValue read(SecretKeyReference ref) {
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      return new VariableResolver.Missing("the Secret " + ref.getName() + " does not exist");
    }
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (labels == null || !labels.containsKey(dev.lifecycle.edge.operator.variables.VariableSecrets.LABEL)) {
      return new VariableResolver.Missing("the Secret " + ref.getName() + " lacks the label "
          + dev.lifecycle.edge.operator.variables.VariableSecrets.LABEL);
    }
    String value = secret.getData() == null ? null : secret.getData().get(ref.getKey());
    if (value == null) {
      return new VariableResolver.Missing("the Secret " + ref.getName() + " has no key " + ref.getKey());
    }
    return new VariableResolver.Found(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
  }
}
