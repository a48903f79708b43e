package dev.lifecycle.edge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples read into the typed classes and write back without losing or inventing a field. */
class SampleSerializationTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "ClusterProfile", ClusterProfile.class,
      "RegistrationToken", RegistrationToken.class,
      "EdgeHost", EdgeHost.class,
      "EdgeCluster", EdgeCluster.class,
      "ImageRegistry", ImageRegistry.class);

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).as("samples").hasSizeGreaterThanOrEqualTo(5);
      return yaml.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("When a sample is read into its class and written back, then every field survives unchanged")
  void roundTrip(Path sample) throws IOException {
    JsonNode original = YAML.readTree(sample.toFile());
    Class<? extends HasMetadata> type = KINDS.get(original.path("kind").asText());
    assertThat(type).as("kind of %s", sample).isNotNull();

    HasMetadata typed = SERIALIZATION.unmarshal(Files.readString(sample), type);
    JsonNode written = YAML.readTree(SERIALIZATION.asJson(typed));

    assertThat(written).isEqualTo(original);
  }
}
