package dev.lifecycle.edge.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryRulesTest {

  private static final String SITE = "registry.site.local:5000";

  private static RegistryRules rules(String... fromTo) {
    List<RegistryRule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < fromTo.length; i += 2) {
      rules.add(new RegistryRule(fromTo[i], fromTo[i + 1]));
    }
    return RegistryRules.of(rules);
  }

  private static final RegistryRules SITE_RULES = rules(
      "docker.io/rancher/mirrored-pause", SITE + "/pause",
      "docker.io/bitnami/*", SITE + "/mirror/bitnami/*",
      "docker.io/*", SITE + "/mirror/*",
      "ghcr.io/*", SITE + "/*");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "nginx,                                     registry.site.local:5000/mirror/library/nginx",
      "nginx:1.25,                                registry.site.local:5000/mirror/library/nginx:1.25",
      "docker.io/library/nginx:1.25,              registry.site.local:5000/mirror/library/nginx:1.25",
      "index.docker.io/library/nginx:1.25,        registry.site.local:5000/mirror/library/nginx:1.25",
      "bitnami/redis:7.2@sha256:0123abcd,         registry.site.local:5000/mirror/bitnami/redis:7.2@sha256:0123abcd",
      "rancher/mirrored-pause:3.6,                registry.site.local:5000/pause:3.6",
      "rancher/mirrored-pause-other:1,            registry.site.local:5000/mirror/rancher/mirrored-pause-other:1",
      "ghcr.io/fluxcd/source-controller:v1.3.0,   registry.site.local:5000/fluxcd/source-controller:v1.3.0",
  })
  @DisplayName("When a reference matches a rule, then it maps with its tag and digest kept, first rule first")
  void mapsByTheFirstMatchingRule(String reference, String expected) {
    assertThat(SITE_RULES.map(reference)).contains(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"quay.io/prometheus/node-exporter:v1.8.0", "localhost:5000/app:1", "", "a b"})
  @DisplayName("When no rule matches a reference, or it is none, then nothing maps it")
  void leavesOthers(String reference) {
    assertThat(SITE_RULES.map(reference)).isEmpty();
  }

  @Test
  @DisplayName("When a rule's from is a one-word docker.io repository, then it matches as the runtime reads it")
  void exactRuleIsNormalized() {
    assertThat(rules("docker.io/nginx", SITE + "/web").map("nginx:1")).contains(SITE + "/web:1");
    assertThat(rules("docker.io/nginx", SITE + "/web").map("library/nginx")).contains(SITE + "/web");
  }

  @Test
  @DisplayName("When a prefix rule names a path, then repositories that only start with its text do not match")
  void prefixMatchesWholeComponents() {
    RegistryRules rules = rules("docker.io/bitnami/*", SITE + "/b/*");
    assertThat(rules.map("bitnami/redis")).contains(SITE + "/b/redis");
    assertThat(rules.map("bitnamilegacy/redis")).isEmpty();
    assertThat(rules.map("docker.io/bitnami")).isEmpty();
  }

  @Test
  @DisplayName("When a layer names an image or an oci:// chart a rule maps, then its copy names the mapped one")
  void appliesToLayers() {
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4");
    k3s.setImage("rancher/k3s:v1.30.4-k3s1");
    k3s.setValues(Map.of("binary", "/opt/k3s"));
    ProfileLayer chart = new ProfileLayer("ingress", LayerType.ADDON, "4.10.0");
    chart.setChart(new ChartReference("oci://ghcr.io/charts/", "ingress-nginx"));
    ProfileLayer https = new ProfileLayer("metrics", LayerType.ADDON, "3.12.0");
    https.setChart(new ChartReference("https://kubernetes-sigs.github.io/metrics-server", "metrics-server"));

    List<ProfileLayer> mapped = SITE_RULES.apply(List.of(k3s, chart, https));

    assertThat(mapped.get(0).getImage()).isEqualTo(SITE + "/mirror/rancher/k3s:v1.30.4-k3s1");
    assertThat(mapped.get(0).getValues()).isEqualTo(Map.of("binary", "/opt/k3s"));
    assertThat(mapped.get(1).getChart().getRepository()).isEqualTo("oci://" + SITE + "/charts");
    assertThat(mapped.get(1).getChart().getName()).isEqualTo("ingress-nginx");
    assertThat(mapped.get(2).getChart().getRepository()).isEqualTo("https://kubernetes-sigs.github.io/metrics-server");
    assertThat(k3s.getImage()).as("the profile's own layer").isEqualTo("rancher/k3s:v1.30.4-k3s1");
  }

  @Test
  @DisplayName("When an exact rule renames a chart's repository, then the chart's name follows its last component")
  void exactRuleRenamesAChart() {
    RegistryRules rules = rules("ghcr.io/charts/ingress-nginx", SITE + "/approved/ingress");
    assertThat(rules.map(new ChartReference("oci://ghcr.io/charts", "ingress-nginx")))
        .hasValueSatisfying(c -> {
          assertThat(c.getRepository()).isEqualTo("oci://" + SITE + "/approved");
          assertThat(c.getName()).isEqualTo("ingress");
        });
  }

  @Test
  @DisplayName("When the rules become mirrors, then each source registry gets the endpoint and one rewrite per rule, "
      + "and every rewrite maps a path as the rule maps the reference")
  void mirrorsAgreeWithTheRules() {
    Map<String, PlanRegistries.Mirror> mirrors = SITE_RULES.mirrors("https://" + SITE);

    assertThat(mirrors).containsOnlyKeys("docker.io", "ghcr.io");
    assertThat(mirrors.get("docker.io").getEndpoint()).containsExactly("https://" + SITE);
    assertThat(mirrors.get("docker.io").getRewrite()).containsExactly(
        Map.entry("^rancher/mirrored-pause$", "pause"),
        Map.entry("^bitnami/(.*)$", "mirror/bitnami/$1"),
        Map.entry("^(.*)$", "mirror/$1"));
    assertThat(mirrors.get("ghcr.io").getRewrite()).containsExactly(Map.entry("^(.*)$", "$1"));
    for (String path : List.of("library/nginx", "bitnami/redis", "rancher/mirrored-pause", "rancher/other")) {
      String expected = SITE_RULES.map("docker.io/" + path).orElseThrow().substring(SITE.length() + 1);
      // k3s may try the rewrites in any order: every one that matches must give the rules' answer.
      List<String> rewritten = mirrors.get("docker.io").getRewrite().entrySet().stream()
          .filter(e -> Pattern.compile(e.getKey()).matcher(path).find())
          .map(e -> Pattern.compile(e.getKey()).matcher(path).replaceAll(e.getValue()))
          .distinct().toList();
      if (path.equals("rancher/mirrored-pause")) {
        // The exact rule and the catch-all disagree here: conflicts() must have said so.
        continue;
      }
      assertThat(rewritten).as(path).containsExactly(expected);
    }
  }

  @Test
  @DisplayName("When two rules of one registry map a reference both match differently, then the conflict is named; "
      + "when they agree or do not overlap, there is none")
  void conflicts() {
    assertThat(SITE_RULES.conflicts()).singleElement().asString()
        .contains("docker.io/rancher/mirrored-pause", "docker.io/*", SITE + "/pause", SITE + "/mirror/rancher/mirrored-pause");
    assertThat(rules("docker.io/bitnami/*", SITE + "/mirror/bitnami/*", "docker.io/*", SITE + "/mirror/*").conflicts())
        .isEmpty();
    assertThat(rules("docker.io/bitnami/*", SITE + "/b/*", "docker.io/*", SITE + "/mirror/*").conflicts())
        .singleElement().asString().contains("docker.io/bitnami/x");
    assertThat(rules("docker.io/a/*", SITE + "/a/*", "docker.io/b/*", SITE + "/other/*", "ghcr.io/*", SITE + "/*")
        .conflicts()).isEmpty();
  }

  @Test
  @DisplayName("When a rule cannot be read, then the error names it")
  void badRules() {
    assertThatThrownBy(() -> rules("docker.io/*", SITE + "/one")).hasMessageContaining("docker.io/*")
        .hasMessageContaining("both must end in /*");
    assertThatThrownBy(() -> rules("nginx", SITE + "/one")).hasMessageContaining("from nginx");
    assertThatThrownBy(() -> rules("docker.io/*", "Site/*")).hasMessageContaining("to Site/*");
  }

  @Test
  @DisplayName("When references are parsed, then registry, path and suffix are those the runtime uses")
  void parse() {
    assertThat(ImageReference.parse("localhost:5000/app:1")).contains(new ImageReference("localhost:5000", "app", ":1"));
    assertThat(ImageReference.parse("registry:5000/team/app@sha256:ab"))
        .contains(new ImageReference("registry:5000", "team/app", "@sha256:ab"));
    assertThat(ImageReference.parse("team/app")).contains(new ImageReference("docker.io", "team/app", ""));
    assertThat(Arrays.asList("", "/x", "x/", "a b")).allSatisfy(r -> assertThat(ImageReference.parse(r)).isEmpty());
  }
}
