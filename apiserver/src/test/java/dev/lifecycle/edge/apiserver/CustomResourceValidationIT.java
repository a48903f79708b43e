package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NamespaceableResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded API validates every write of a custom resource as a real API server does, through HTTP with the
 * fabric8 client: each file of the api module's corpus of bad resources is refused with the API server's
 * messages and leaves nothing stored; each good one is stored with its defaults; unknown fields are pruned, or
 * refused under fieldValidation=Strict (what kubectl apply sends).
 */
class CustomResourceValidationIT {

  private static final String NS = "validation";
  private static final String RULES_NOT_CHECKED = "some validation rules were not checked";

  @RegisterExtension
  static final EmbeddedApiPerClass api = EmbeddedApiPerClass.withNamespace(NS);

  static Stream<ApiCorpus> invalid() {
    return ApiCorpus.invalid();
  }

  static Stream<ApiCorpus> valid() {
    return ApiCorpus.valid();
  }

  private static KubernetesClient client() {
    return api.client();
  }

  private static NamespaceableResource<GenericKubernetesResource> resource(GenericKubernetesResource object) {
    return client().resource(object);
  }

  private static GenericKubernetesResource stored(GenericKubernetesResource object) {
    return client().genericKubernetesResources(object.getApiVersion(), object.getKind()).inNamespace(NS)
        .withName(object.getMetadata().getName()).get();
  }

  /** A copy in this test's namespace under a name of its own, so that cases never meet. */
  private static GenericKubernetesResource named(GenericKubernetesResource object, String name) {
    GenericKubernetesResource copy = Serialization.clone(object);
    copy.getMetadata().setName(name);
    copy.getMetadata().setNamespace(NS);
    return copy;
  }

  private static String caseName(ApiCorpus corpus, String prefix) {
    String name = prefix + "-" + corpus.name().replace(".yaml", "").toLowerCase();
    return name.length() > 60 ? name.substring(0, 60).replaceAll("-+$", "") : name;
  }

  private static boolean hasStatus(GenericKubernetesResource object) {
    return object.getAdditionalProperties().get("status") != null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  @DisplayName("When a bad resource is written, then the API answers 422 Invalid with the API server's message and "
      + "causes, and stores nothing")
  void refusedWithItsMessage(ApiCorpus bad) {
    assertThat(bad.expected()).as("%s names no '# expect:' message", bad).isNotEmpty();
    // Names are part of some cases (a name too long, with a dot): those keep theirs.
    boolean nameMatters = bad.expected().stream().anyMatch(e -> e.contains("name must"));
    String name = nameMatters ? bad.updated().getMetadata().getName() : caseName(bad, "bad");
    GenericKubernetesResource old = bad.isUpdate() ? named(bad.created(), name) : null;
    GenericKubernetesResource object = named(bad.updated(), name);
    GenericKubernetesResource before = null;
    if (old != null) {
      before = resource(old).create();
      object.getMetadata().setResourceVersion(before.getMetadata().getResourceVersion());
    } else if (hasStatus(object) && !bad.expectsUnknownField()) {
      // A create drops the status (status subresource): a bad status is a bad status write.
      GenericKubernetesResource withoutStatus = named(object, name);
      withoutStatus.getAdditionalProperties().remove("status");
      before = resource(withoutStatus).create();
      object.getMetadata().setResourceVersion(before.getMetadata().getResourceVersion());
    }
    GenericKubernetesResource written = object;
    boolean statusWrite = old == null && before != null;

    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> {
      if (bad.expectsUnknownField()) {
        resource(written).fieldValidation(FieldValidateable.Validation.STRICT).create();
      } else if (statusWrite) {
        resource(written).updateStatus();
      } else if (old != null) {
        resource(written).update();
      } else {
        resource(written).create();
      }
    });

    assertThat(refused).as("%s was accepted", bad).isNotNull();
    Status status = refused.getStatus();
    if (bad.expectsUnknownField()) {
      assertThat(refused.getCode()).isEqualTo(400);
      assertThat(status.getMessage()).startsWith(object.getKind() + " in version \"v1alpha1\" cannot be handled as a "
          + object.getKind() + ": strict decoding error: ");
    } else {
      assertThat(refused.getCode()).as("%s: %s", bad, status.getMessage()).isEqualTo(422);
      assertThat(status.getReason()).isEqualTo("Invalid");
      assertThat(status.getMessage()).startsWith(object.getKind() + ".edge.lifecycle.dev \"" + name + "\" is invalid: ");
      assertThat(status.getDetails().getKind()).isEqualTo(object.getKind());
      assertThat(status.getDetails().getGroup()).isEqualTo("edge.lifecycle.dev");
      assertThat(status.getDetails().getName()).isEqualTo(name);
      List<StatusCause> causes = status.getDetails().getCauses();
      assertThat(causes).as("%s: causes", bad).isNotEmpty();
      for (StatusCause cause : causes) {
        assertThat(cause.getReason()).startsWith("FieldValue");
        String text = cause.getField() + ": " + cause.getMessage();
        assertThat(status.getMessage()).contains(text);
        if (!text.contains(RULES_NOT_CHECKED)) {
          assertThat(bad.expected()).as("%s: cause %s explained by an expect line", bad, text)
              .anySatisfy(expected -> assertThat(text).contains(expected));
        }
      }
    }
    for (String expected : bad.expected()) {
      assertThat(status.getMessage()).as("%s", bad).contains(expected);
    }
    GenericKubernetesResource after = stored(object);
    if (before == null) {
      assertThat(after).as("%s: stored though refused", bad).isNull();
    } else {
      assertThat(after).as("%s: changed though refused", bad).isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  @DisplayName("When a good resource is written, then it is stored with its defaults and the answer is what is stored")
  void acceptedWithDefaults(ApiCorpus good) {
    String name = caseName(good, "good");
    GenericKubernetesResource created = resource(named(good.created(), name)).create();
    assertThat(created).isEqualTo(stored(created));
    if (good.isUpdate()) {
      GenericKubernetesResource update = named(good.updated(), name);
      update.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
      GenericKubernetesResource updated = resource(update).update();
      if (hasStatus(update)) {
        update.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
        updated = resource(update).updateStatus();
        assertThat(updated.getAdditionalProperties().get("status")).isEqualTo(update.getAdditionalProperties()
            .get("status"));
      }
      assertThat(updated).isEqualTo(stored(updated));
    }
  }

  @Test
  @DisplayName("When a cluster leaves out what has defaults, then it is stored with the CRD's defaults")
  void defaultsApplied() {
    GenericKubernetesResource cluster = ApiCorpus.valid().filter(c -> c.name().equals("cluster-defaults.yaml"))
        .findFirst().orElseThrow().created();

    GenericKubernetesResource created = resource(named(cluster, "defaults")).create();

    assertThat(spec(created)).containsKey("controlPlane");
    assertThat(((Map<?, ?>) spec(created).get("controlPlane")).get("count")).isEqualTo(1);
    assertThat(spec(stored(created)).get("controlPlane")).isEqualTo(spec(created).get("controlPlane"));
  }

  @Test
  @DisplayName("When an object has a field the schema does not know, then it is stored without it, with a warning, "
      + "and Strict field validation refuses it")
  void unknownFieldsPruned() {
    GenericKubernetesResource cluster = named(ApiCorpus.valid()
        .filter(c -> c.name().equals("cluster-defaults.yaml")).findFirst().orElseThrow().created(), "pruned");
    spec(cluster).put("wokers", Map.of("count", 2));

    assertThatThrownBy(() -> resource(cluster).fieldValidation(FieldValidateable.Validation.STRICT).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getMessage()).isEqualTo("EdgeCluster in version \"v1alpha1\" cannot be handled "
              + "as a EdgeCluster: strict decoding error: unknown field \"spec.wokers\"");
        });
    assertThat(stored(cluster)).isNull();

    GenericKubernetesResource created = resource(cluster).create();

    assertThat(spec(created)).doesNotContainKey("wokers").containsKey("profileRef");
    assertThat(spec(stored(created))).doesNotContainKey("wokers");
  }

  @Test
  @DisplayName("When a main-resource update changes the status, then the stored status is kept, as with a status "
      + "subresource, and an update that changes nothing but leaves out defaults keeps the generation")
  void mainResourceKeepsStatus() {
    GenericKubernetesResource cluster = named(ApiCorpus.valid()
        .filter(c -> c.name().equals("cluster-defaults.yaml")).findFirst().orElseThrow().created(), "keeps-status");
    GenericKubernetesResource created = resource(cluster).create();
    GenericKubernetesResource withStatus = Serialization.clone(created);
    withStatus.getAdditionalProperties().put("status", Map.of("phase", "Running"));
    GenericKubernetesResource statusWritten = resource(withStatus).updateStatus();

    GenericKubernetesResource again = Serialization.clone(cluster);
    again.getMetadata().setResourceVersion(statusWritten.getMetadata().getResourceVersion());
    again.getAdditionalProperties().put("status", Map.of("phase", "Failed"));
    GenericKubernetesResource updated = resource(again).update();

    assertThat(updated.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Running"));
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
  }

  @Test
  @SuppressWarnings("unchecked")
  @DisplayName("When an object stored under an older, laxer CRD is updated, then its metadata and status writes "
      + "are admitted while its invalid fields are unchanged, and a change to an invalid field is refused")
  void ratchetsObjectsStoredBeforeAStricterCrd() {
    String crdName = "edgeclusters.edge.lifecycle.dev";
    CustomResourceDefinition strict = client().apiextensions().v1().customResourceDefinitions().withName(crdName).get();
    CustomResourceDefinition lax = Serialization.clone(strict);
    lax.getMetadata().setResourceVersion(null);
    JSONSchemaProps workers = lax.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
        .get("spec").getProperties().get("workers");
    workers.getProperties().get("count").setMaximum(null);
    workers.getProperties().get("nodeLabels").setXKubernetesValidations(null);
    GenericKubernetesResource cluster = named(ApiCorpus.valid()
        .filter(c -> c.name().equals("cluster-defaults.yaml")).findFirst().orElseThrow().created(), "ratcheted");
    spec(cluster).put("workers", Map.of("count", 2000, "nodeLabels", Map.of("not a label", "x")));
    GenericKubernetesResource stored;
    try {
      client().resource(lax).update();
      stored = resource(cluster).create();
    } finally {
      CustomResourceDefinition restore = Serialization.clone(strict);
      restore.getMetadata().setResourceVersion(null);
      client().resource(restore).update();
    }

    GenericKubernetesResource labelled = Serialization.clone(stored);
    labelled.getMetadata().setLabels(Map.of("site", "north"));
    GenericKubernetesResource updated = resource(labelled).update();
    updated.getAdditionalProperties().put("status", Map.of("phase", "Running"));
    GenericKubernetesResource statusWritten = resource(updated).updateStatus();

    assertThat(statusWritten.getMetadata().getLabels()).containsEntry("site", "north");
    assertThat(statusWritten.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Running"));
    GenericKubernetesResource changed = Serialization.clone(statusWritten);
    ((Map<String, Object>) spec(changed).get("workers")).put("count", 2001);
    assertThatThrownBy(() -> resource(changed).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).isEqualTo("EdgeCluster.edge.lifecycle.dev \"ratcheted\" is "
              + "invalid: spec.workers.count: Invalid value: 2001: spec.workers.count in body should be less than "
              + "or equal to 1000");
        });
    assertThat(stored(changed)).isEqualTo(statusWritten);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }
}
