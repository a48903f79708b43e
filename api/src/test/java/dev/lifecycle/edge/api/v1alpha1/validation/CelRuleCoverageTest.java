package dev.lifecycle.edge.api.v1alpha1.validation;

import dev.lifecycle.edge.validation.CelRule;
import dev.lifecycle.edge.validation.CelRules;
import dev.lifecycle.edge.validation.CrdValidator;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The samples and the corpus exercise every CEL rule: each rule is evaluated where it is declared, and each
 * distinct rule of a CRD is seen both to pass and to fail, so no rule is untested or always true.
 */
class CelRuleCoverageTest {

  private static final Set<CelRule> EVALUATED = new HashSet<>();
  private static final Set<String> PASSED = new HashSet<>();
  private static final Set<String> FAILED = new HashSet<>();

  @BeforeAll
  static void runSamplesAndCorpus() throws IOException {
    CrdValidator.RuleObserver observer = (rule, passed) -> {
      EVALUATED.add(rule);
      (passed ? PASSED : FAILED).add(distinct(rule));
    };
    List<String> documents = new ArrayList<>();
    try (Stream<Path> samples = Files.list(Path.of("..", "samples"))) {
      for (Path sample : samples.toList()) {
        documents.add(Files.readString(sample));
      }
    }
    Corpus.all().forEach(c -> documents.add(c.yaml()));
    documents.forEach(yaml -> PublishedCrds.validateYaml(yaml, observer));
  }

  private static String distinct(CelRule rule) {
    return rule.crd() + ": " + rule.rule();
  }

  static Stream<CelRule> allRules() {
    return PublishedCrds.all().stream().flatMap(crd -> CelRules.rulesOf(crd).stream());
  }

  @Test
  @DisplayName("When the samples and the corpus are validated, then every rule is evaluated where it is declared")
  void everyRuleIsEvaluated() {
    assertThat(allRules().filter(rule -> !EVALUATED.contains(rule)).map(CelRule::toString))
        .as("rules no sample or corpus file reaches: add a valid file that sets these fields")
        .isEmpty();
  }

  @Test
  @DisplayName("When the samples and the corpus are validated, then every rule is seen to pass and to fail")
  void everyRulePassesAndFails() {
    List<String> rules = allRules().map(CelRuleCoverageTest::distinct).distinct().toList();
    assertThat(rules.stream().filter(rule -> !PASSED.contains(rule)))
        .as("rules never seen to pass").isEmpty();
    assertThat(rules.stream().filter(rule -> !FAILED.contains(rule)))
        .as("rules never seen to fail: add an invalid file for each").isEmpty();
  }
}
