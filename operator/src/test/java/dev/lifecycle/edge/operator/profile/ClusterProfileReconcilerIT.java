package dev.lifecycle.edge.operator.profile;

import static dev.lifecycle.edge.operator.support.Fixtures.cluster;
import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.Refusals;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterProfileReconcilerIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClass(List.of(ClusterProfileReconciler::new));
  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void namespace() {
    client = harness.client();
    namespace = harness.newNamespace("profile");
  }

  private ClusterProfile read(String name) {
    return client.resources(ClusterProfile.class).inNamespace(namespace).withName(name).get();
  }

  private Condition condition(String profile, String type) {
    return read(profile).getStatus().condition(type).orElseThrow();
  }

  private void create(ClusterProfile profile) {
    client.resource(profile).create();
  }

  private void createCluster(String name, String profile) {
    client.resource(cluster(namespace, name, profile, 1, 0)).create();
  }

  private void repoint(String cluster, String profile) {
    Fixtures.repoint(client, namespace, cluster, profile);
  }

  private void deleteCluster(String cluster) {
    client.resources(EdgeCluster.class).inNamespace(namespace).withName(cluster).delete();
  }

  private void deleteProfile(String profile) {
    client.resources(ClusterProfile.class).inNamespace(namespace).withName(profile).delete();
  }

  private void awaitStatus(String profile, Consumer<ClusterProfileStatus> expectation) {
    await().atMost(WAIT).untilAsserted(() -> {
      ClusterProfile current = read(profile);
      assertThat(current).isNotNull();
      assertThat(current.getStatus()).isNotNull();
      expectation.accept(current.getStatus());
    });
  }

  private void awaitGone(String profile) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(read(profile)).isNull());
  }

  private List<Event> events(String involved, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  /** A valid profile with one layer changed into a problem. */
  private ClusterProfile broken(String name, Consumer<List<ProfileLayer>> breakLayers) {
    ClusterProfile profile = profile(namespace, name, "1.0.0");
    breakLayers.accept(profile.getSpec().getLayers());
    return profile;
  }

  private static ProfileLayer imageLayer(String name, LayerType type, String version) {
    ProfileLayer layer = new ProfileLayer(name, type, version);
    layer.setImage("registry.example.com/edge/" + name + ":" + version);
    return layer;
  }

  @Test
  @DisplayName("When a valid profile is created, then it is Ready with phase Ready, observedGeneration, "
      + "Reconciling and Stalled False, a finalizer and a Normal Valid event")
  void validProfileIsReady() {
    create(profile(namespace, "store-edge-1.0.0", "1.0.0"));

    awaitStatus("store-edge-1.0.0", status -> assertThat(status.getPhase()).isEqualTo(Phase.Ready));

    ClusterProfile profile = read("store-edge-1.0.0");
    ClusterProfileStatus status = profile.getStatus();
    assertThat(status.getObservedGeneration()).isEqualTo(profile.getMetadata().getGeneration()).isNotNull();
    assertThat(status.getUsedBy()).isEmpty();
    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason, Condition::getObservedGeneration)
        .containsExactly(
            tuple(ConditionTypes.READY, ConditionStatus.True, "Valid", status.getObservedGeneration()),
            tuple(ConditionTypes.RECONCILING, ConditionStatus.False, "Valid", status.getObservedGeneration()),
            tuple(ConditionTypes.STALLED, ConditionStatus.False, "Valid", status.getObservedGeneration()));
    assertThat(condition("store-edge-1.0.0", ConditionTypes.READY).getMessage())
        .isEqualTo("profile store-edge-1.0.0 version 1.0.0 with 3 layers: edge-os, k3s, cilium");
    assertThat(profile.getMetadata().getFinalizers()).containsExactly(ClusterProfileReconciler.FINALIZER);
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("store-edge-1.0.0", "Valid"))
        .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Normal")));
  }

  @Test
  @DisplayName("When a profile has two os layers and no kubernetes layer, then the API refuses it (422) naming "
      + "both problems, and nothing is stored")
  void layerCountsMakeItInvalid() {
    Refusals.assertInvalid(
        () -> create(broken("two-os-1.0.0", layers -> layers.set(1, imageLayer("edge-os-b", LayerType.OS, "1.4.0")))),
        "spec: Invalid value: \"object\": a profile needs exactly one layer of type os",
        "a profile needs exactly one layer of type kubernetes");
    assertThat(read("two-os-1.0.0")).isNull();
  }

  @Test
  @DisplayName("When layer names repeat, then the API refuses the profile (422), and nothing is stored")
  void duplicateLayerNames() {
    Refusals.assertInvalid(
        () -> create(broken("dup-1.0.0", layers -> layers.add(imageLayer("cilium", LayerType.ADDON, "1.0.0")))),
        "spec: Invalid value: \"object\": layer names must be unique within a profile");
    assertThat(read("dup-1.0.0")).isNull();
  }

  @Test
  @DisplayName("When a layer version is not semver, then the API refuses the profile (422), and nothing is stored")
  void nonSemverLayerVersion() {
    Refusals.assertInvalid(() -> create(broken("semver-1.0.0", layers -> layers.get(1).setVersion("v1.30"))),
        "spec.layers[1].version: Invalid value: \"string\": layer version must be a semantic version");
    assertThat(read("semver-1.0.0")).isNull();
  }

  @Test
  @DisplayName("When clusters pin a profile, then usedBy lists them sorted, and a cluster repointed to another "
      + "profile moves from one usedBy to the other")
  void usedByFollowsClusters() {
    create(profile(namespace, "edge-1.0.0", "1.0.0"));
    create(profile(namespace, "edge-1.1.0", "1.1.0"));
    createCluster("store-2", "edge-1.0.0");
    createCluster("store-1", "edge-1.0.0");
    createCluster("depot", "edge-1.1.0");

    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1", "store-2"));
    awaitStatus("edge-1.1.0", status -> assertThat(status.getUsedBy()).containsExactly("depot"));

    repoint("store-2", "edge-1.1.0");

    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1"));
    awaitStatus("edge-1.1.0", status -> assertThat(status.getUsedBy()).containsExactly("depot", "store-2"));

    deleteCluster("store-1");

    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).isEmpty());
  }

  @Test
  @DisplayName("When a pinned profile is deleted, then it stays with a deletionTimestamp, Ready False "
      + "DeletionBlocked naming the cluster and one Warning event, and goes once the cluster is repointed")
  void deletionWaitsForRepoint() {
    create(profile(namespace, "edge-1.0.0", "1.0.0"));
    create(profile(namespace, "edge-1.1.0", "1.1.0"));
    createCluster("store-1", "edge-1.0.0");
    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1"));

    deleteProfile("edge-1.0.0");

    awaitStatus("edge-1.0.0", status -> assertThat(status.condition(ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("DeletionBlocked"));
    ClusterProfile held = read("edge-1.0.0");
    assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(held.getMetadata().getFinalizers()).containsExactly(ClusterProfileReconciler.FINALIZER);
    Condition ready = condition("edge-1.0.0", ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
    assertThat(ready.getMessage())
        .isEqualTo("deletion waits: used by clusters store-1; point them at another profile or delete them");
    Condition reconciling = condition("edge-1.0.0", ConditionTypes.RECONCILING);
    assertThat(reconciling.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(reconciling.getReason()).isEqualTo("DeletionBlocked");

    createCluster("store-2", "edge-1.0.0");
    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1", "store-2"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("edge-1.0.0", "DeletionBlocked")).singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning")));

    repoint("store-1", "edge-1.1.0");
    repoint("store-2", "edge-1.1.0");

    awaitGone("edge-1.0.0");
    awaitStatus("edge-1.1.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1", "store-2"));
  }

  @Test
  @DisplayName("When a pinned profile is deleted, then the deletion completes once the cluster is deleted")
  void deletionWaitsForClusterDeletion() {
    create(profile(namespace, "edge-1.0.0", "1.0.0"));
    createCluster("store-1", "edge-1.0.0");
    awaitStatus("edge-1.0.0", status -> assertThat(status.getUsedBy()).containsExactly("store-1"));

    deleteProfile("edge-1.0.0");
    awaitStatus("edge-1.0.0", status -> assertThat(status.condition(ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("DeletionBlocked"));

    deleteCluster("store-1");

    awaitGone("edge-1.0.0");
  }

  @Test
  @DisplayName("When a profile no cluster pins is deleted, then it is gone at once, without a DeletionBlocked event")
  void deletionWithoutUsers() throws InterruptedException {
    create(profile(namespace, "edge-1.0.0", "1.0.0"));
    createCluster("store-1", "edge-2.0.0");
    awaitStatus("edge-1.0.0", status -> assertThat(status.getPhase()).isEqualTo(Phase.Ready));
    assertThat(read("edge-1.0.0").getMetadata().getFinalizers()).containsExactly(ClusterProfileReconciler.FINALIZER);

    deleteProfile("edge-1.0.0");

    awaitGone("edge-1.0.0");
    Thread.sleep(500); // Events are written in the background: give a wrong one time to land.
    assertThat(events("edge-1.0.0", "DeletionBlocked")).isEmpty();
  }
}
