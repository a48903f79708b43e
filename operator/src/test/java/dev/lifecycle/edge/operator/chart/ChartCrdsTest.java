package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.rbac.AccessScope;
import dev.lifecycle.edge.operator.rbac.ApiAccess;
import dev.lifecycle.edge.operator.rbac.Verb;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chart's {@code crds/}, which {@code helm template} never renders, read directly: the same files as
 * the repository's {@code crds/} (the api module's PublishedCrdsTest holds both equal to the generated
 * ones), and the kinds they define are the ones the chart's roles and ApiAccess name.
 */
class ChartCrdsTest {

  private static final Path CHART_CRDS = HelmChart.DIRECTORY.resolve("crds");
  private static final Path PUBLISHED_CRDS = Path.of("..", "crds");

  private static List<CustomResourceDefinition> crds;

  @BeforeAll
  static void read() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    crds = files(CHART_CRDS).stream()
        .map(file -> serialization.unmarshal(read(file), CustomResourceDefinition.class))
        .toList();
  }

  @Test
  @DisplayName("When the chart is packaged, then its crds/ holds the same five files, byte for byte, as crds/")
  void sameAsPublished() {
    List<Path> chart = files(CHART_CRDS);
    assertThat(chart).extracting(Path::getFileName).extracting(Path::toString)
        .containsExactlyElementsOf(files(PUBLISHED_CRDS).stream().map(p -> p.getFileName().toString()).toList())
        .hasSize(5);
    assertThat(chart).allSatisfy(file ->
        assertThat(read(file)).as(file.toString()).isEqualTo(read(PUBLISHED_CRDS.resolve(file.getFileName()))));
  }

  @Test
  @DisplayName("When Helm installs crds/, then each is a namespaced edge.lifecycle.dev CRD in category edge, "
      + "serving and storing v1alpha1 with a status subresource")
  void fourNamespacedKinds() {
    assertThat(crds).extracting(crd -> crd.getSpec().getNames().getKind())
        .containsExactlyInAnyOrder("ClusterProfile", "EdgeCluster", "EdgeHost", "RegistrationToken",
        "ImageRegistry");
    assertThat(crds).allSatisfy(crd -> {
      assertThat(crd.getSpec().getGroup()).isEqualTo(ApiAccess.EDGE);
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(crd.getSpec().getNames().getCategories()).contains("edge");
      assertThat(crd.getMetadata().getName()).isEqualTo(crd.getSpec().getNames().getPlural() + "." + ApiAccess.EDGE);
      assertThat(crd.getSpec().getVersions()).singleElement().satisfies(version -> {
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
      });
    });
  }

  @Test
  @DisplayName("When a kind is added to crds/, then the operator's ApiAccess must list and watch it and write "
      + "its status, and the aggregated edit and view roles must name it, or this fails")
  void rolesNameEveryKind() {
    List<String> plurals = crds.stream().map(crd -> crd.getSpec().getNames().getPlural()).sorted().toList();
    assertThat(plurals).allSatisfy(plural -> {
      for (Verb verb : List.of(Verb.LIST, Verb.WATCH)) {
        assertThat(ApiAccess.allows(AccessScope.WATCHED_NAMESPACES, ApiAccess.EDGE, plural, verb, null))
            .as("%s %s", verb.rbacName(), plural).isTrue();
      }
      assertThat(ApiAccess.allows(AccessScope.WATCHED_NAMESPACES, ApiAccess.EDGE, plural + "/status", Verb.UPDATE,
          null)).as("update %s/status", plural).isTrue();
    });

    RenderedChart chart = HelmChart.withDefaults().render();
    for (String role : List.of(HelmChart.RELEASE + "-edit", HelmChart.RELEASE + "-view")) {
      assertThat(chart.one(ClusterRole.class, role).getRules()).singleElement()
          .satisfies(rule -> assertThat(rule.getResources()).as(role).containsExactlyInAnyOrderElementsOf(plurals));
    }
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
