package dev.lifecycle.edge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The published CRDs tested as an API: names, scope, subresources, columns and documentation. */
class CrdStructureTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("clusterprofiles", "ClusterProfile", "cprof", List.of("Version", "Phase", "Ready", "Age")),
        Arguments.of("registrationtokens", "RegistrationToken", "rtok",
            List.of("Phase", "Registrations", "Max", "Expires", "Age")),
        Arguments.of("edgehosts", "EdgeHost", "eh", List.of("Phase", "Cluster", "Role", "Version", "Last-Seen", "Age")),
        Arguments.of("edgeclusters", "EdgeCluster", "ec",
            List.of("Phase", "Version", "Control-Plane", "Workers", "Age")),
        Arguments.of("imageregistries", "ImageRegistry", "ireg", List.of("Endpoint", "Phase", "Ready", "Age")));
  }

  static JsonNode crd(String plural) throws IOException {
    return YAML.readTree(Path.of("..", "crds", plural + "." + ApiGroup.GROUP + ".yaml").toFile());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  @DisplayName("When a user types kubectl get <short name> or kubectl get edge, then the kind is found")
  void namesScopeAndCategory(String plural, String kind, String shortName, List<String> columns) throws IOException {
    JsonNode spec = crd(plural).path("spec");
    assertThat(spec.path("group").asText()).isEqualTo(ApiGroup.GROUP);
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("kind").asText()).isEqualTo(kind);
    assertThat(spec.path("names").path("plural").asText()).isEqualTo(plural);
    assertThat(texts(spec.path("names").path("shortNames"))).containsExactly(shortName);
    assertThat(texts(spec.path("names").path("categories"))).containsExactly(ApiGroup.CATEGORY);
    assertThat(spec.path("versions")).hasSize(1);
    JsonNode version = spec.path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo(ApiGroup.VERSION);
    assertThat(version.path("served").asBoolean()).isTrue();
    assertThat(version.path("storage").asBoolean()).isTrue();
    assertThat(version.path("subresources").has("status"))
        .as("status must be a subresource, so users cannot write it and the operator cannot write spec")
        .isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  @DisplayName("When a user runs kubectl get, then the default columns answer the first question, Age last")
  void printerColumns(String plural, String kind, String shortName, List<String> columns) throws IOException {
    JsonNode version = crd(plural).path("spec").path("versions").get(0);
    List<String> defaultColumns = new ArrayList<>();
    for (JsonNode column : version.path("additionalPrinterColumns")) {
      if (column.path("priority").asInt() == 0) {
        defaultColumns.add(column.path("name").asText());
      }
      assertThat(column.path("jsonPath").asText()).startsWith(".");
    }
    assertThat(defaultColumns).containsExactlyElementsOf(columns);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  @DisplayName("When a user runs kubectl explain on any field, then it has a description")
  void everyFieldIsDocumented(String plural, String kind, String shortName, List<String> columns) throws IOException {
    JsonNode root = crd(plural).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    List<String> undocumented = new ArrayList<>();
    for (String top : List.of("spec", "status")) {
      collectUndocumented(top, root.path("properties").path(top), undocumented);
    }
    assertThat(undocumented).as("fields without a description in %s", kind).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  @DisplayName("When kstatus, Argo CD or Flux read the status, then observedGeneration, conditions and phase exist")
  void statusContract(String plural, String kind, String shortName, List<String> columns) throws IOException {
    JsonNode status = crd(plural).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
        .path("properties").path("status").path("properties");
    assertThat(status.has("observedGeneration")).isTrue();
    assertThat(status.has("phase")).isTrue();
    JsonNode condition = status.path("conditions").path("items").path("properties");
    assertThat(iterable(condition.fieldNames()))
        .contains("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
    assertThat(texts(status.path("conditions").path("items").path("properties").path("status").path("enum")))
        .containsExactlyInAnyOrder("True", "False", "Unknown");
  }

  @org.junit.jupiter.api.Test
  @DisplayName("When a user runs kubectl explain edgecluster.spec.upgradeStrategy, then it reads like documentation")
  void upgradeStrategyExplains() throws IOException {
    JsonNode strategy = crd("edgeclusters").path("spec").path("versions").get(0).path("schema")
        .path("openAPIV3Schema").path("properties").path("spec").path("properties").path("upgradeStrategy");
    assertThat(strategy.path("description").asText()).contains("rolling upgrade", "rolls out");
    Map<String, String> expected = Map.of(
        "maxUnavailable", "percentage",
        "hostTimeout", "30m",
        "onFailure", "Rollback");
    expected.forEach((field, phrase) ->
        assertThat(strategy.path("properties").path(field).path("description").asText()).contains(phrase));
  }

  private static void collectUndocumented(String path, JsonNode schema, List<String> undocumented) {
    if (schema.path("description").asText().isBlank()) {
      undocumented.add(path);
    }
    JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
    Iterator<Map.Entry<String, JsonNode>> fields = object.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      collectUndocumented(path + "." + field.getKey(), field.getValue(), undocumented);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static <T> List<T> iterable(Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
