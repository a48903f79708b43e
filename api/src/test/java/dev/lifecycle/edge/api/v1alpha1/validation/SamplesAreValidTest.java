package dev.lifecycle.edge.api.v1alpha1.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample a user applies first is accepted by its CRD, schema and CEL rules alike. */
class SamplesAreValidTest {

  static Stream<Path> samples() throws IOException {
    return Files.list(Path.of("..", "samples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("When a user applies a sample, then the API server accepts it")
  void sampleIsAccepted(Path sample) throws IOException {
    String yaml = Files.readString(sample);
    assertThat(PublishedCrds.parseYaml(yaml)).as("documents in %s", sample).isNotEmpty();
    for (var document : PublishedCrds.parseYaml(yaml)) {
      assertThat(PublishedCrds.validate(document))
          .as("errors in %s", sample)
          .isEmpty();
    }
  }
}
