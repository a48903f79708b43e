package dev.lifecycle.edge.operator.definition;

import static dev.lifecycle.edge.operator.definition.Profiles.NAMESPACE;
import static dev.lifecycle.edge.operator.definition.Profiles.ready;
import static dev.lifecycle.edge.operator.definition.Profiles.withVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.sign.KeyId;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefinitionContentsTest {

  private static final KeyId SIGNER = new KeyId("sha256:" + "6f".repeat(32));

  /** A profile as the API server returns it: with everything that belongs to that cluster. */
  private static ClusterProfile asRead() {
    ClusterProfile profile = withVariables(ready("retail", "1.5.0"));
    profile.getMetadata().setUid("0c8e6a56-0000-4000-8000-000000000001");
    profile.getMetadata().setResourceVersion("4711");
    profile.getMetadata().setGeneration(1L);
    profile.getMetadata().setCreationTimestamp("2026-12-01T08:00:00Z");
    profile.getMetadata().setFinalizers(List.of("edge.lifecycle.dev/profile-in-use"));
    profile.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry("edge.lifecycle.dev/v1alpha1", "FieldsV1",
        null, "kubectl", "Apply", null, "2026-12-01T08:00:00Z")));
    Map<String, String> annotations = new HashMap<>();
    annotations.put(DefinitionFiles.LAST_APPLIED, "{\"apiVersion\":\"...\"}");
    annotations.put("example.com/owner", "retail-platform");
    profile.getMetadata().setAnnotations(annotations);
    return profile;
  }

  private static JsonNode yaml(byte[] bytes) throws Exception {
    return new YAMLMapper().readTree(bytes);
  }

  @Test
  @DisplayName("When a profile read from a cluster is exported, then its manifest keeps name, labels, annotations "
      + "and spec, without uid, resourceVersion, managedFields, namespace, status or the last-applied copy")
  void manifestStripped() throws Exception {
    DefinitionContents contents = DefinitionContents.of(NAMESPACE, List.of(asRead()), Optional.of(SIGNER));

    byte[] manifest = contents.files().get("profiles/retail-1.5.0.yaml");
    String text = new String(manifest, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("uid", "resourceVersion", "managedFields", "status", "namespace",
        "creationTimestamp", "generation", "finalizers", "last-applied", "4711");
    JsonNode node = yaml(manifest);
    assertThat(node.path("apiVersion").asText()).isEqualTo("edge.lifecycle.dev/v1alpha1");
    assertThat(node.path("kind").asText()).isEqualTo("ClusterProfile");
    assertThat(node.path("metadata").path("name").asText()).isEqualTo("retail-1.5.0");
    assertThat(node.path("metadata").path("labels").path("edge.lifecycle.dev/profile").asText()).isEqualTo("retail");
    assertThat(node.path("metadata").path("annotations").path("example.com/owner").asText())
        .isEqualTo("retail-platform");
    assertThat(node.path("spec").path("version").asText()).isEqualTo("1.5.0");
    assertThat(node.path("spec").path("layers")).extracting(layer -> layer.path("name").asText())
        .containsExactly("edge-os", "k3s", "cilium");
    assertThat(node.path("spec").path("variables")).hasSize(2);
  }

  @Test
  @DisplayName("When a profile declares variables, then its variables file lists them with their rules")
  void variablesFile() throws Exception {
    DefinitionContents contents = DefinitionContents.of(NAMESPACE, List.of(asRead()), Optional.empty());

    JsonNode variables = yaml(contents.files().get("variables/retail-1.5.0.yaml"));
    assertThat(variables.path("profile").asText()).isEqualTo("retail-1.5.0");
    assertThat(variables.path("variables").get(0).path("name").asText()).isEqualTo("storeId");
    assertThat(variables.path("variables").get(0).path("pattern").asText()).isEqualTo("^[0-9]{4}$");
    assertThat(variables.path("variables").get(1).path("sensitive").asBoolean()).isTrue();
    assertThat(contents.index().profiles().get(0).variableNames()).containsExactly("storeId", "dbPassword");

    ClusterProfile none = ready("retail", "1.4.0");
    assertThat(yaml(DefinitionContents.of(NAMESPACE, List.of(none), Optional.empty()).files()
        .get("variables/retail-1.4.0.yaml")).path("variables")).isEmpty();
  }

  @Test
  @DisplayName("When contents are built, then the index lists every file with its sha256 and size, says whether "
      + "and by which key it is signed, and reads back")
  void index() {
    DefinitionContents signed = DefinitionContents.of(NAMESPACE, List.of(asRead(), ready("retail", "1.4.0")),
        Optional.of(SIGNER));

    DefinitionIndex index = DefinitionIndex.parse(signed.index().toJson());
    assertThat(index).isEqualTo(signed.index());
    assertThat(index.format()).isEqualTo("edge.lifecycle.dev/cluster-definition");
    assertThat(index.namespace()).isEqualTo(NAMESPACE);
    assertThat(index.signed()).isTrue();
    assertThat(index.signedBy()).isEqualTo(SIGNER.value());
    assertThat(index.files()).extracting(ArchiveFile::path).containsExactly("profiles/retail-1.5.0.yaml",
        "variables/retail-1.5.0.yaml", "profiles/retail-1.4.0.yaml", "variables/retail-1.4.0.yaml");
    for (ArchiveFile file : index.files()) {
      byte[] bytes = signed.files().get(file.path());
      assertThat(file.size()).isEqualTo(bytes.length);
      assertThat(file.digest()).isEqualTo(DefinitionContents.sha256(bytes));
    }
    assertThat(index.profiles()).extracting(DefinitionIndex.Profile::profile, DefinitionIndex.Profile::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("retail", "1.5.0"),
            org.assertj.core.groups.Tuple.tuple("retail", "1.4.0"));

    DefinitionIndex unsigned = DefinitionContents.of(NAMESPACE, List.of(asRead()), Optional.empty()).index();
    assertThat(unsigned.signed()).isFalse();
    assertThat(unsigned.signedBy()).isNull();
    assertThat(new String(unsigned.toJson(), StandardCharsets.UTF_8)).contains("\"signed\" : false")
        .doesNotContain("signedBy");
  }

  @Test
  @DisplayName("When the same profiles are exported twice, then the files and index are the same bytes")
  void deterministic() {
    DefinitionContents first = DefinitionContents.of(NAMESPACE, List.of(asRead()), Optional.of(SIGNER));
    DefinitionContents second = DefinitionContents.of(NAMESPACE, List.of(asRead()), Optional.of(SIGNER));

    assertThat(first.index().toJson()).isEqualTo(second.index().toJson());
    first.files().forEach((path, bytes) -> assertThat(second.files().get(path)).isEqualTo(bytes));
  }

  @Test
  @DisplayName("When an index has another format, a newer version, or names a file it does not list, then it is "
      + "refused naming that")
  void malformedIndex() {
    String files = "\"files\":[{\"path\":\"profiles/a.yaml\",\"digest\":\"sha256:" + "a".repeat(64)
        + "\",\"size\":1}]";
    String profile = "\"profiles\":[{\"name\":\"a\",\"manifest\":\"profiles/a.yaml\",\"variables\":\"variables/a.yaml\"}]";

    assertThatThrownBy(() -> DefinitionIndex.parse(("{\"format\":\"edge.lifecycle.dev/content-bundle\","
        + "\"formatVersion\":1,\"signed\":false," + profile + "," + files + "}").getBytes()))
        .hasMessageContaining("\"format\" is not edge.lifecycle.dev/cluster-definition");
    assertThatThrownBy(() -> DefinitionIndex.parse(("{\"format\":\"edge.lifecycle.dev/cluster-definition\","
        + "\"formatVersion\":2,\"signed\":false," + profile + "," + files + "}").getBytes()))
        .hasMessageContaining("format version 2");
    assertThatThrownBy(() -> DefinitionIndex.parse(("{\"format\":\"edge.lifecycle.dev/cluster-definition\","
        + "\"formatVersion\":1,\"signed\":false," + profile + "," + files + "}").getBytes()))
        .hasMessageContaining("profile a names variables/a.yaml, which the index's files do not list");
  }
}
