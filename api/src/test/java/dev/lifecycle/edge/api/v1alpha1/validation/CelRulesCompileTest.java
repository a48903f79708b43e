package dev.lifecycle.edge.api.v1alpha1.validation;

import dev.lifecycle.edge.validation.CelRule;
import dev.lifecycle.edge.validation.CelRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cel.common.CelValidationException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every x-kubernetes-validations rule of every published CRD compiles with a real CEL implementation. */
class CelRulesCompileTest {

  static Stream<CelRule> allRules() {
    return PublishedCrds.all().stream().flatMap(crd -> CelRules.rulesOf(crd).stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allRules")
  @DisplayName("When the API server installs a CRD, then each of its CEL rules compiles to a bool, with a message")
  void ruleCompiles(CelRule rule) {
    try {
      CelRules.compile(rule);
    } catch (CelValidationException | IllegalArgumentException e) {
      fail("rule at %s of %s does not compile: %s%n%s", rule.schemaPath(), rule.crd(), rule.rule(), e.getMessage());
    }
    assertThat(rule.message()).as("message of %s", rule).isNotBlank();
    assertThat(rule.rule()).as("rule %s: regexes avoid backslashes", rule).doesNotContain("\\");
  }

  @Test
  @DisplayName("When the CRDs are read, then every kind has rules and the update rules are found as transition rules")
  void rulesAreFound() throws CelValidationException {
    List<CelRule> rules = allRules().toList();
    assertThat(rules).hasSizeGreaterThan(30);
    List<String> transitions = new java.util.ArrayList<>();
    for (CelRule rule : rules) {
      if (CelRules.compile(rule).isTransition()) {
        transitions.add(rule.crd() + " " + rule.schemaPath());
      }
    }
    assertThat(transitions).containsExactlyInAnyOrder(
        "clusterprofiles.edge.lifecycle.dev spec", "edgehosts.edge.lifecycle.dev spec",
        "edgeclusters.edge.lifecycle.dev spec.controlPlane.count");
  }
}
