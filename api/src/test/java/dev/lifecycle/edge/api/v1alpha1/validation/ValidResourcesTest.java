package dev.lifecycle.edge.api.v1alpha1.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The good inputs (src/test/resources/valid), creates and updates, are accepted. */
class ValidResourcesTest {

  static Stream<Corpus> cases() {
    return Corpus.valid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("When a user applies a good resource or a permitted change, then the API server accepts it")
  void accepted(Corpus good) {
    assertThat(good.expected()).as("%s is valid: it expects no message", good).isEmpty();
    assertThat(PublishedCrds.validateYaml(good.yaml())).as("errors in %s", good).isEmpty();
  }
}
