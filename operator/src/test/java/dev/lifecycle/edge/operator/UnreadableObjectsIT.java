package dev.lifecycle.edge.operator;

import static dev.lifecycle.edge.operator.support.Fixtures.cluster;
import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Objects the operator's classes do not describe (a CRD newer than the operator, a misspelt field,
 * {@code kubectl scale}), written as raw JSON the typed client could not write: every informer keeps
 * watching, later objects of the same kind are reconciled, and the process stays alive. The API validates
 * every write against its CRD, as a real one does, so the class first installs CRDs newer than the operator's
 * (spec of any shape: a new layer type, a spec that is no longer an object), as an upgrade of the CRDs ahead of
 * the operator would.
 */
class UnreadableObjectsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String API_VERSION = ApiGroup.GROUP + "/" + ApiGroup.VERSION;

  private static OperatorHarness harness;
  private static EdgeOperator operator;
  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void operator() {
    harness = OperatorHarness.start();
    installNewerCrd("clusterprofiles");
    installNewerCrd("edgeclusters");
    operator = harness.startOperatorWithAllReconcilers();
  }

  /** The installed CRD of {@code plural}, its spec now of any shape: a CRD version the operator does not know. */
  private static void installNewerCrd(String plural) {
    Resource<CustomResourceDefinition> crd = harness.client().apiextensions().v1().customResourceDefinitions()
        .withName(plural + "." + ApiGroup.GROUP);
    crd.edit(current -> {
      JSONSchemaProps spec = current.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
          .getProperties().get("spec");
      JSONSchemaProps anyShape = new JSONSchemaProps();
      anyShape.setDescription(spec.getDescription());
      anyShape.setXKubernetesPreserveUnknownFields(true);
      current.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().put("spec", anyShape);
      return current;
    });
  }

  @AfterAll
  static void close() {
    harness.close();
  }

  @BeforeEach
  void namespace() {
    client = harness.client();
    namespace = harness.newNamespace("unreadable");
  }

  @Test
  @DisplayName("When a profile has a layer of a type the operator does not know, then it is Stalled "
      + "(UnknownLayerType naming the layer), a Warning Event says so, and later profiles are reconciled")
  void unknownLayerType() {
    Map<String, Object> profile = raw(profile(namespace, "firmware", "1.0.0"));
    layers(profile).add(Map.of("name", "bios", "type", "firmware", "version", "2.1.0",
        "image", "registry.example.com/edge/bios:2.1.0"));
    createRaw("ClusterProfile", profile);

    awaitReady("firmware", ConditionStatus.False, "InvalidProfile");
    Condition stalled = condition("firmware", ConditionTypes.STALLED);
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getReason()).isEqualTo("UnknownLayerType");
    assertThat(stalled.getMessage()).contains("layer bios has a type this operator does not know");
    awaitEvent("ClusterProfile", "firmware", "InvalidProfile");
    laterProfileIsReconciled();
  }

  @Test
  @DisplayName("When objects carry fields the operator does not know (a misspelt field, kubectl scale's "
      + "spec.replicas), then they are read without them and reconciled")
  void unknownFields() {
    Map<String, Object> profile = raw(profile(namespace, "misspelt", "1.0.0"));
    spec(profile).put("descriptoin", "a misspelt description");
    layers(profile).get(0).put("checksum", "sha256:0");
    createRaw("ClusterProfile", profile);
    Map<String, Object> scaled = raw(cluster(namespace, "scaled", "misspelt", 1, 0));
    spec(scaled).put("replicas", 3);
    createRaw("EdgeCluster", scaled);

    awaitReady("misspelt", ConditionStatus.True, "Valid");
    await().atMost(WAIT).untilAsserted(() -> {
      EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName("scaled").get();
      assertThat(cluster.getStatus()).isNotNull();
      assertThat(cluster.getStatus().getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
    });
    laterProfileIsReconciled();
  }

  @Test
  @DisplayName("When an object cannot be read at all (its spec a string), then a Warning Event and a metric "
      + "report it, the informer keeps watching and later objects of its kind are reconciled")
  void unreadableObject() {
    Map<String, Object> profile = raw(profile(namespace, "garbled", "1.0.0"));
    profile.put("spec", "not an object");
    createRaw("ClusterProfile", profile);

    awaitEvent("ClusterProfile", "garbled", "Unreadable");
    await().atMost(WAIT).untilAsserted(() -> assertThat(operator.services().meters()
        .get("edge.unreadable.objects").tag("kind", "ClusterProfile").counter().count()).isPositive());
    laterProfileIsReconciled();
  }

  @Test
  @DisplayName("When the operator starts while unreadable objects exist (a CRD applied before its operator), then "
      + "its informers list them, sync, and it reconciles")
  void startWithUnreadableObjects() {
    Map<String, Object> garbled = raw(cluster(namespace, "garbled", "any", 1, 0));
    garbled.put("spec", List.of("not", "an", "object"));
    createRaw("EdgeCluster", garbled);
    Map<String, Object> firmware = raw(profile(namespace, "firmware", "1.0.0"));
    layers(firmware).get(0).put("type", "firmware");
    createRaw("ClusterProfile", firmware);

    operator = harness.startOperatorWithAllReconcilers();

    awaitEvent("EdgeCluster", "garbled", "Unreadable");
    awaitReady("firmware", ConditionStatus.False, "InvalidProfile");
    laterProfileIsReconciled();
  }

  /** A valid profile created after the problem is reconciled, and the process is alive and ready. */
  private void laterProfileIsReconciled() {
    client.resource(profile(namespace, "later", "2.0.0")).create();
    awaitReady("later", ConditionStatus.True, "Valid");
    OperatorProbes probes = new OperatorProbes();
    probes.operator(operator);
    assertThat(operator.stoppedInformers()).isEmpty();
    assertThat(probes.notAlive()).isEmpty();
    assertThat(operator.notReady()).isEmpty();
  }

  private void awaitReady(String profile, ConditionStatus status, String reason) {
    await().atMost(WAIT).untilAsserted(() -> {
      ClusterProfile current = client.resources(ClusterProfile.class).inNamespace(namespace).withName(profile).get();
      assertThat(current).isNotNull();
      ClusterProfileStatus seen = current.getStatus();
      assertThat(seen).isNotNull();
      Condition ready = seen.condition(ConditionTypes.READY).orElseThrow();
      assertThat(ready.getStatus()).isEqualTo(status);
      assertThat(ready.getReason()).isEqualTo(reason);
    });
  }

  private Condition condition(String profile, String type) {
    return client.resources(ClusterProfile.class).inNamespace(namespace).withName(profile).get().getStatus()
        .condition(type).orElseThrow();
  }

  private void awaitEvent(String kind, String involved, String reason) {
    await().atMost(WAIT).untilAsserted(() -> {
      List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
          .toList();
      assertThat(events).singleElement().satisfies(event -> {
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo(kind);
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(namespace);
      });
    });
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> raw(Object typed) {
    return client.getKubernetesSerialization().convertValue(typed, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> layers(Map<String, Object> profile) {
    return (List<Map<String, Object>>) spec(profile).get("layers");
  }

  private void createRaw(String kind, Map<String, Object> object) {
    object.put("apiVersion", API_VERSION);
    object.put("kind", kind);
    GenericKubernetesResource resource = client.getKubernetesSerialization()
        .convertValue(object, GenericKubernetesResource.class);
    client.genericKubernetesResources(API_VERSION, kind).inNamespace(namespace).resource(resource).create();
  }
}
