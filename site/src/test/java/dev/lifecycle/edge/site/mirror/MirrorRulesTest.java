package dev.lifecycle.edge.site.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MirrorRulesTest {

  private static final String SITE = "10.0.0.5:5080";

  private static List<String> rules(MirrorRules.Decision decision) {
    return decision.rules().stream().map(rule -> rule.getFrom() + " -> " + rule.getTo()).toList();
  }

  @Test
  @DisplayName("When images and charts name several registries, then each gets one prefix rule onto the site, sorted, "
      + "Docker Hub names normalized and the site itself left out")
  void oneRulePerRegistry() {
    MirrorRules.Decision decision = MirrorRules.decide(List.of("registry.example.com/retail/pos:1.4",
        "registry.example.com/edge/os@sha256:" + "a".repeat(64), "nginx:1.27", "index.docker.io/library/redis:7",
        "localhost:5000/tools/probe:2", "oci://charts.example.com/charts", "oci://quay.io",
        "https://charts.example.org/stable", SITE + "/already/here:1", "not a reference"), SITE);
    assertThat(rules(decision)).containsExactly("charts.example.com/* -> " + SITE + "/*",
        "docker.io/* -> " + SITE + "/*", "localhost:5000/* -> " + SITE + "/*", "quay.io/* -> " + SITE + "/*",
        "registry.example.com/* -> " + SITE + "/*");
    assertThat(decision.leftOut()).isEmpty();
  }

  @Test
  @DisplayName("When nothing names an image, then there is no rule (and so no ImageRegistry)")
  void nothing() {
    assertThat(MirrorRules.decide(List.of(), SITE).rules()).isEmpty();
    List<String> nulls = new ArrayList<>();
    nulls.add(null);
    assertThat(MirrorRules.decide(nulls, SITE).rules()).isEmpty();
  }

  @Test
  @DisplayName("When more registries are named than an ImageRegistry takes, then the first 32 by name get rules and "
      + "the others are reported")
  void bounded() {
    List<String> references = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      references.add(String.format("registry-%02d.example.com/app:1", i));
    }
    MirrorRules.Decision decision = MirrorRules.decide(references, SITE);
    assertThat(decision.rules()).hasSize(MirrorRules.MAX_RULES).extracting(RegistryRule::getFrom)
        .startsWith("registry-00.example.com/*");
    assertThat(decision.leftOut()).hasSize(8).startsWith("registry-32.example.com");
  }
}
