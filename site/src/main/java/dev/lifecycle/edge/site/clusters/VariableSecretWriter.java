package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the values of a cluster's sensitive variables into its site Secret, labelled so that the operator and the
 * gateway read it ({@link VariableSecrets#LABEL}) and so that the site knows it is its own ({@link SiteLabels#CLUSTER}).
 * A Secret of that name the site did not make is never touched.
 */
final class VariableSecretWriter {

  private final KubernetesClient client;
  private final String namespace;

  VariableSecretWriter(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** What the Secret held before a write, to put it back when a later step fails (null: it did not exist). */
  record Before(Secret secret) {
  }

  /**
   * Merges {@code values} into the cluster's site Secret, creating it when absent.
   *
   * @param replaceAll whether keys not in {@code values} are dropped (a new cluster: a leftover of an earlier
   *     cluster of the same name is not inherited)
   * @throws RequestRefused 409 when a Secret of that name exists that the site did not make for this cluster
   */
  Before write(String cluster, String name, Map<String, String> values, boolean replaceAll) throws RequestRefused {
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing != null) {
      Map<String, String> labels = existing.getMetadata().getLabels();
      if (labels == null || !cluster.equals(labels.get(SiteLabels.CLUSTER))) {
        throw new RequestRefused(RequestRefused.CONFLICT, "SecretExists", "a Secret " + name + " exists that the "
            + "site did not make for cluster " + cluster + "; the site keeps the cluster's secret values there: "
            + "delete or rename it first");
      }
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (existing != null && existing.getData() != null && !replaceAll) {
      data.putAll(existing.getData());
    }
    values.forEach((key, value) -> data.put(key,
        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels(VariableSecrets.LABEL, "true").addToLabels(SiteLabels.CLUSTER, cluster).endMetadata()
        .withType("Opaque").withData(data).build();
    try {
      if (existing == null) {
        client.resource(secret).create();
      } else {
        secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.resource(secret).update();
      }
    } catch (KubernetesClientException e) {
      throw new RequestRefused(e.getCode() == RequestRefused.CONFLICT ? RequestRefused.CONFLICT
          : RequestRefused.UNPROCESSABLE, "SecretRefused", "the site's API refused the cluster's secret values ("
          + "Secret " + name + "): " + ApiMessages.of(e));
    }
    return new Before(existing);
  }

  /** Puts the Secret back as it was before {@link #write}. */
  void restore(String name, Before before) {
    if (before.secret() == null) {
      client.secrets().inNamespace(namespace).withName(name).delete();
    } else {
      Secret current = client.secrets().inNamespace(namespace).withName(name).get();
      Secret back = new SecretBuilder(before.secret()).editMetadata()
          .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion()).endMetadata()
          .build();
      if (current == null) {
        back.getMetadata().setResourceVersion(null);
        client.resource(back).create();
      } else {
        client.resource(back).update();
      }
    }
  }
}
