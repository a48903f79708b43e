package dev.lifecycle.edge.api.v1alpha1.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented bad input (src/test/resources/invalid) is rejected with the message it expects, and
 * with nothing else: a case cannot pass by failing for another reason.
 */
class InvalidResourcesTest {

  static Stream<Corpus> cases() {
    return Corpus.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("When a user applies a bad resource, then the API server rejects it and says why")
  void rejectedWithItsMessage(Corpus bad) {
    assertThat(bad.expected()).as("%s names no '# expect:' message", bad).isNotEmpty();

    List<String> errors = PublishedCrds.validateYaml(bad.yaml());

    for (String expected : bad.expected()) {
      assertThat(errors).as("%s: errors", bad).anySatisfy(error -> assertThat(error).contains(expected));
    }
    assertThat(errors)
        .filteredOn(error -> !error.equals(PublishedCrds.RULES_NOT_CHECKED))
        .as("%s: errors no '# expect:' line explains", bad)
        .allSatisfy(error -> assertThat(bad.expected()).anySatisfy(expected -> assertThat(error).contains(expected)));
  }

  @Test
  @DisplayName("When the corpus is counted, then it holds at least 25 bad creates and the rejected updates")
  void corpusIsLargeEnough() {
    assertThat(Corpus.invalid().filter(c -> !c.isUpdate()).count()).isGreaterThanOrEqualTo(25);
    assertThat(Corpus.invalid().filter(Corpus::isUpdate).count()).isGreaterThanOrEqualTo(3);
  }
}
