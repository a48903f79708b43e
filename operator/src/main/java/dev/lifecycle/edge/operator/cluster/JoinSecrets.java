package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.operator.OwnedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a cluster's join secret: a Secret named {@code <cluster>-join}, type Opaque, labelled
 * {@value #CLUSTER_LABEL}{@code : <cluster>} (the operator and the gateway watch only Secrets with that
 * label), owned by the cluster (controller reference, so it goes with the cluster), key {@value #KEY}.
 * Pure functions over Secrets; no API calls.
 */
public final class JoinSecrets {

  /** The label that marks a join secret, valued with its cluster's name. */
  public static final String CLUSTER_LABEL = "edge.lifecycle.dev/join-secret-of";
  /** The key of the secret's value. */
  public static final String KEY = "join-secret";
  public static final String TYPE = "Opaque";
  private static final String SUFFIX = "-join";
  private static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  private static final String MANAGED_BY = "edge-operator";

  private JoinSecrets() {
  }

  /** The name of the cluster's join secret. */
  public static String name(String cluster) {
    return cluster + SUFFIX;
  }

  /** A new join secret for the cluster, holding {@code value}. */
  public static Secret create(EdgeCluster cluster, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name(cluster.getMetadata().getName()))
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(labels(cluster))
        .withOwnerReferences(OwnedSecrets.controllerReference(cluster))
        .endMetadata()
        .withType(TYPE)
        .withData(Map.of(KEY, OwnedSecrets.encode(value)))
        .build();
  }

  /**
   * The existing Secret taken over by the cluster: labelled and owned, its value kept (a join secret
   * restored from a backup, or copied from a server of the running cluster).
   */
  public static Secret adopt(Secret existing, EdgeCluster cluster) {
    return new SecretBuilder(existing)
        .editMetadata()
        .addToLabels(labels(cluster))
        .addToOwnerReferences(OwnedSecrets.controllerReference(cluster))
        .endMetadata()
        .build();
  }

  /** The value the Secret holds, if it holds a non-blank one. */
  public static Optional<String> valueOf(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null || data.get(KEY) == null) {
      return Optional.empty();
    }
    try {
      String value = new String(Base64.getDecoder().decode(data.get(KEY)), StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** Whether the Secret's controller reference is this very cluster (same uid, not a namesake). */
  public static boolean ownedBy(Secret secret, EdgeCluster cluster) {
    return OwnedSecrets.controller(secret).map(ref -> Objects.equals(ref.getUid(), cluster.getMetadata().getUid())
        && EdgeCluster.class.getSimpleName().equals(ref.getKind())).orElse(false);
  }

  /**
   * Whether the Secret is the join secret of the cluster of that name, as the gateway judges it (it knows
   * no clusters' uids): named, labelled and controlled as the operator makes it.
   */
  public static boolean isJoinSecretOf(Secret secret, String cluster) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return name(cluster).equals(secret.getMetadata().getName()) && labels != null
        && cluster.equals(labels.get(CLUSTER_LABEL))
        && OwnedSecrets.controller(secret).map(ref -> EdgeCluster.class.getSimpleName().equals(ref.getKind())
            && cluster.equals(ref.getName())).orElse(false);
  }

  /** Whether some object controls the Secret. */
  public static boolean controlled(Secret secret) {
    return OwnedSecrets.controller(secret).isPresent();
  }

  /** Who controls the Secret, for a conflict message: {@code Kind/name}. */
  public static String controllerOf(Secret secret) {
    return OwnedSecrets.controllerOf(secret);
  }

  private static Map<String, String> labels(EdgeCluster cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(CLUSTER_LABEL, cluster.getMetadata().getName());
    return labels;
  }
}
