package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JoinSecretsTest {

  private static EdgeCluster cluster(String name, String uid) {
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
    return cluster;
  }

  @Test
  @DisplayName("When a join secret is made, then it is <cluster>-join, labelled, controlled by the cluster, and "
      + "gives back its value")
  void shape() {
    Secret secret = JoinSecrets.create(cluster("store", "uid-1"), "s3cr3t");

    assertThat(secret.getMetadata().getName()).isEqualTo("store-join");
    assertThat(secret.getMetadata().getLabels()).containsEntry(JoinSecrets.CLUSTER_LABEL, "store");
    assertThat(JoinSecrets.valueOf(secret)).hasValue("s3cr3t");
    assertThat(JoinSecrets.ownedBy(secret, cluster("store", "uid-1"))).isTrue();
    assertThat(JoinSecrets.ownedBy(secret, cluster("store", "uid-2"))).as("a namesake cluster").isFalse();
    assertThat(JoinSecrets.isJoinSecretOf(secret, "store")).isTrue();
    assertThat(JoinSecrets.isJoinSecretOf(secret, "other")).isFalse();
  }

  @Test
  @DisplayName("When a Secret of that name lacks the label or the cluster's control, or holds no value, then the "
      + "gateway does not take it for the join secret")
  void lookalikes() {
    Secret unlabelled = new SecretBuilder().withNewMetadata().withName("store-join").endMetadata()
        .withData(Map.of(JoinSecrets.KEY, "czNjcjN0")).build();
    Secret labelledOnly = new SecretBuilder(unlabelled).editMetadata()
        .withLabels(Map.of(JoinSecrets.CLUSTER_LABEL, "store")).endMetadata().build();
    Secret empty = new SecretBuilder(JoinSecrets.create(cluster("store", "uid-1"), "x"))
        .withData(Map.of(JoinSecrets.KEY, "ICA=")).build();

    assertThat(JoinSecrets.isJoinSecretOf(unlabelled, "store")).isFalse();
    assertThat(JoinSecrets.isJoinSecretOf(labelledOnly, "store")).isFalse();
    assertThat(JoinSecrets.valueOf(empty)).as("blank").isEmpty();
    assertThat(JoinSecrets.adopt(labelledOnly, cluster("store", "uid-1")))
        .satisfies(adopted -> assertThat(JoinSecrets.ownedBy(adopted, cluster("store", "uid-1"))).isTrue())
        .satisfies(adopted -> assertThat(JoinSecrets.valueOf(adopted)).hasValue("s3cr3t"));
  }
}
